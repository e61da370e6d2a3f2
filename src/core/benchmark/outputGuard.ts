/**
 * Before a run: no file the tool will write may be the model, an input, or another output. A typo
 * such as `--fast-run-algo-policy model.mge` would otherwise let load_and_run overwrite the model
 * without a word (it opens the cache path for writing after the search). Paths are compared after
 * resolving symlinks, and by device+inode when both exist, so `./m.mge`, a symlink or a hard link
 * to the model are all caught. Output files the user named that already exist are theirs to
 * replace (an algo cache is rewritten on purpose); only these clashes are refused.
 */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { ValidationIssue } from '../engine';
import type { TransferSpec } from '../runners/runner';

interface Resolved {
  spec: TransferSpec;
  path: string;
  /** `dev:ino` when the file exists. */
  inode: string | null;
}

async function identify(spec: TransferSpec, baseDir: string): Promise<Resolved> {
  const path = resolve(baseDir, spec.localPath);
  const real = await fs.realpath(path).catch(() => path);
  const st = await fs.stat(real).catch(() => null);
  return { spec, path: real, inode: st ? `${st.dev}:${st.ino}` : null };
}

const same = (a: Resolved, b: Resolved): boolean =>
  a.path === b.path || (a.inode !== null && a.inode === b.inode);

const named = (s: TransferSpec): string => (s.flag ? `${s.flag} ${s.localPath}` : `the model ${s.localPath}`);

/** Issues (errors) for every output that would overwrite the model, an input or another output. */
export async function outputClashes(
  specs: readonly TransferSpec[],
  baseDir: string,
): Promise<ValidationIssue[]> {
  const all = await Promise.all(specs.filter((s) => s.localPath !== '').map((s) => identify(s, baseDir)));
  const outputs = all.filter((r) => r.spec.direction !== 'in');
  const issues: ValidationIssue[] = [];
  outputs.forEach((out, i) => {
    const victim = all.find(
      (other) =>
        other !== out && same(other, out) && (other.spec.direction === 'in' || outputs.indexOf(other) < i),
    );
    if (!victim) return;
    const isModel = victim.spec.argIndex === 0 && !victim.spec.flag;
    const flag = out.spec.flag ?? 'an output flag';
    issues.push({
      severity: 'error',
      rule: 'output-overwrites-input',
      flags: [flag.replace(/^--/, '')],
      message: {
        en: isModel
          ? `${flag} ${out.spec.localPath} names the model itself: the run would overwrite the model.`
          : `${flag} ${out.spec.localPath} is the same file as ${named(victim.spec)}: the run would overwrite it.`,
        zh: isModel
          ? `${flag} ${out.spec.localPath} 指向模型文件本身：运行会覆盖模型。`
          : `${flag} ${out.spec.localPath} 与 ${named(victim.spec)} 是同一个文件：运行会覆盖它。`,
      },
      fix: {
        en: `Give ${flag} a new file name (e.g. ${flag} algo.cache).`,
        zh: `为 ${flag} 指定一个新的文件名（例如 ${flag} algo.cache）。`,
      },
    });
  });
  return issues;
}

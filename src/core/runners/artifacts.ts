/**
 * Files named by flags, seen from the local side: which flag named a file, where an output goes
 * when the user gave no path (the local artifact store, keyed by target and model), how an argument
 * is rewritten to another path, and how a file that exists after a run becomes an `Artifact`.
 * Shared by both runners; knows nothing about SSH.
 */
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Artifact, TransferSpec } from './runner';

/** Default root of the local artifact store. */
export function defaultArtifactRoot(): string {
  return path.join(os.homedir(), '.cache', 'lar-explorer', 'artifacts');
}

/** `<root>/<target>/<modelKey>/<name>` with each part made safe as one path segment. */
export function artifactPathFor(root: string, target: string, modelKey: string, name: string): string {
  return path.join(root, segment(target), segment(modelKey), segment(name));
}

function segment(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}

/** The flag that named this file: the spec's, the `--flag=` prefix, or the previous argument. */
export function flagOf(spec: TransferSpec, args: readonly string[]): string | undefined {
  if (spec.flag) return spec.flag;
  const arg = args[spec.argIndex] ?? '';
  const eq = /^(--?[A-Za-z][\w-]*)=/.exec(arg);
  if (eq) return eq[1];
  const prev = args[spec.argIndex - 1];
  return prev !== undefined && /^--?[A-Za-z][\w-]*$/.test(prev) ? prev : undefined;
}

/**
 * Replace the path in `arg` by `newPath`, keeping `prefix`. When several specs share one argument
 * (`--input "a:x.npy;b:y.npy"`) each replaces its own `prefix + localPath` text.
 */
export function rewriteArg(arg: string, spec: TransferSpec, newPath: string): string {
  const prefix = spec.prefix ?? '';
  const needle = prefix + spec.localPath;
  if (spec.localPath !== '') {
    const at = arg.indexOf(needle);
    if (at >= 0) return arg.slice(0, at) + prefix + newPath + arg.slice(at + needle.length);
  }
  return prefix + newPath;
}

/** The name an output gets in the artifact store: the argument's own file name, or the flag's. */
export function outputName(spec: TransferSpec, args: readonly string[]): string {
  const arg = args[spec.argIndex] ?? '';
  const value = arg.slice((spec.prefix ?? '').length);
  const base = path.basename(value);
  if (base && base !== '.' && base !== '..') return base;
  return (flagOf(spec, args) ?? 'output').replace(/^-+/, '');
}

/**
 * Give every output with no user path (`localPath === ''`) a place in the artifact store.
 * Returns new specs and args; the inputs are not modified.
 */
export function placeDefaultOutputs(
  args: readonly string[],
  files: readonly TransferSpec[],
  opts: { root: string; target: string; modelKey: string },
): { args: string[]; files: TransferSpec[] } {
  const outArgs = [...args];
  const outFiles = files.map((spec) => {
    if (spec.localPath !== '' || spec.direction === 'in') return spec;
    const localPath = artifactPathFor(opts.root, opts.target, opts.modelKey, outputName(spec, args));
    outArgs[spec.argIndex] = rewriteArg(outArgs[spec.argIndex] ?? '', spec, localPath);
    return { ...spec, flag: flagOf(spec, args), localPath };
  });
  return { args: outArgs, files: outFiles };
}

/** An artifact for `localPath` if it exists and was written at or after `sinceMs`. */
export async function artifactIfFresh(
  localPath: string,
  flag: string | undefined,
  target: string,
  sinceMs: number,
): Promise<Artifact | null> {
  try {
    const st = await stat(localPath);
    // 1 s of slack: some file systems keep coarse modification times.
    if (st.mtimeMs < sinceMs - 1000) return null;
    return {
      localPath,
      ...(flag ? { flag } : {}),
      target,
      createdAt: new Date(st.mtimeMs).toISOString(),
      bytes: st.isDirectory() ? 0 : st.size,
    };
  } catch {
    return null;
  }
}

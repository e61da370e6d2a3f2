// What each CLI command loads from the real bundle (issue #15): the CLI is built with its own
// esbuild options (scripts/cliBuild.mjs) into a temp folder, then (1) the chunks a local `run`
// loads before it starts the tool are read from esbuild's metafile, following static imports only,
// and (2) the bundle runs the paths whose modules load on demand: `run --save`, `list` (the record
// schema), a remote `--target` (the SSH runner).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

type Metafile = esbuild.Metafile;

/** Every source in the outputs `from` reach by static imports (and, when asked, dynamic ones). */
function reachable(meta: Metafile, from: string[], withDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length > 0) {
    const out = todo.pop()!;
    if (seen.has(out)) continue;
    seen.add(out);
    for (const i of meta.outputs[out]?.imports ?? []) {
      if (i.external) continue;
      if (i.kind === 'import-statement' || (withDynamic && i.kind === 'dynamic-import')) todo.push(i.path);
    }
  }
  return new Set([...seen].flatMap((out) => Object.keys(meta.outputs[out]?.inputs ?? {})));
}

describe('cli: what the bundle loads', function () {
  this.timeout(120_000);
  let out: string;
  let meta: Metafile;
  let ws: CliWorkspace;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'lar-cli-bundle-'));
    const { cliBuildOptions } = (await import(resolve('scripts/cliBuild.mjs'))) as {
      cliBuildOptions(outdir: string): esbuild.BuildOptions;
    };
    meta = (await esbuild.build(cliBuildOptions(out))).metafile!;
    ws = await CliWorkspace.create();
  });
  after(async () => {
    await rm(out, { recursive: true, force: true });
    await ws?.dispose();
  });

  const outputOf = (entry: string): string => {
    const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry);
    assert.ok(found, `no chunk for ${entry}`);
    return found[0];
  };

  it('a local run loads neither execa, zod, the SSH runner nor ssh-config before the tool starts', () => {
    const run = [outputOf('src/cli/main.ts'), outputOf('src/cli/commands/run.ts')];
    const before = [...reachable(meta, run, false)];
    // What the run needs is there (the analysis sees the run path at all)...
    for (const needed of ['src/core/runners/localRunner.ts', 'src/core/benchmark/runBenchmark.ts'])
      assert.ok(before.includes(needed), `${needed} not loaded by run`);
    // ...and what it does not need is not.
    const unwanted = before.filter((f) =>
      /node_modules\/(execa|zod|ssh-config)\/|src\/core\/runners\/sshRunner\.ts|src\/core\/records\/recordSchema\.ts/.test(
        f,
      ),
    );
    assert.deepEqual(unwanted, []);
    // They are still in reach, loaded on demand (a remote target, a record read).
    const later = reachable(meta, run, true);
    for (const lazy of ['src/core/runners/sshRunner.ts', 'src/core/records/recordSchema.ts'])
      assert.ok(later.has(lazy), `${lazy} is no longer loaded on demand`);
  });

  it("a run loads its own words (en + zh) and no other command's", () => {
    const run = [outputOf('src/cli/main.ts'), outputOf('src/cli/commands/run.ts')];
    const before = [...reachable(meta, run, false)];
    const texts = before.filter((f) => /^src\/cli\/.*Texts\.ts$/.test(f)).sort();
    assert.deepEqual(texts, [
      'src/cli/cliTexts.ts',
      'src/cli/commands/runTexts.ts',
      'src/cli/runReportTexts.ts',
    ]);
    // The other commands' catalogues are in the bundle, loaded with their command.
    assert.ok(Object.values(meta.outputs).some((o) => 'src/cli/commands/exploreTexts.ts' in o.inputs));
  });

  it('zod comes without its translations (tree-shaken: only the English messages the records use)', () => {
    // meta.inputs lists every file esbuild read; what the chunks hold is in the outputs.
    const bundled = Object.values(meta.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([f]) => f),
    );
    const locales = bundled.filter((f) => f.includes('node_modules/zod/v4/locales/'));
    assert.deepEqual(
      locales.map((f) => f.replace(/.*\/locales\//, '')),
      ['en.js'],
    );
  });

  it('the bundle runs the on-demand paths: run --save, list (record schema), a remote --target', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [join(out, 'cli.js'), ...args], {
        cwd: ws.dir,
        env: {
          ...process.env,
          STANDIN_ITER_MS: '1',
          LAR_EXPLORER_LANG: 'en',
          NO_COLOR: '1',
          // The bin's code cache (binCodeCache.test.ts) goes beside the bundle, not in the user's home.
          XDG_CACHE_HOME: join(out, 'cache-home'),
        },
        encoding: 'utf8',
      });
    const saved = cli(['run', '--lar', STANDIN, '--save', '--progress', 'none', MODEL, '--', '--iter', '2']);
    assert.equal(saved.status, 0, saved.stderr);
    assert.match(saved.stderr, /^saved run [0-9a-f-]{36} in /m);
    const list = cli(['list', '--json']);
    assert.equal(list.status, 0, list.stderr);
    const { runs, problems } = JSON.parse(list.stdout) as { runs: Array<{ status: string }>; problems: [] };
    assert.deepEqual(
      runs.map((r) => r.status),
      ['ok'],
    );
    assert.deepEqual(problems, []);
    const remote = cli(['run', '--target', 'pi@10.0.0.2:2222', MODEL]);
    assert.equal(remote.status, 2, remote.stderr);
    assert.match(remote.stderr, /write ssh:\/\/pi@10\.0\.0\.2:2222/);
  });
});

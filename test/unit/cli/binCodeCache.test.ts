// The real bin with its code cache (issue #15): the CLI built into a temp folder (same options as
// dist/, scripts/cliBuild.mjs) and run as a user would. Whatever state the cache is in (none yet,
// written, damaged, impossible to write, turned off) the output is the same and nothing extra is
// said; the package folder is never written to (a read-only install works the same).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { unpack } from '../../../src/cli/bin/codeCacheStore';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

const LOG = resolve('test/fixtures/real-logs/04_defaults.err');

/** Every file under `dir` with its bytes and time (a rewrite shows even with the same bytes), by path. */
function filesUnder(dir: string): Array<[string, string, number]> {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => [f, readFileSync(join(dir, f)).toString('base64'), statSync(join(dir, f)).mtimeMs]);
}

describe('cli bin: the code cache of the real bundle', function () {
  this.timeout(120_000);
  let out: string;
  let tmp: string;
  let ws: CliWorkspace;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'lar-cli-bin-'));
    const { cliBuildOptions } = (await import(resolve('scripts/cliBuild.mjs'))) as {
      cliBuildOptions(outdir: string, common?: { sourcemap?: string }): esbuild.BuildOptions;
    };
    // With source maps, as `npm run build` makes dist/ (the --enable-source-maps test reads them).
    await esbuild.build(cliBuildOptions(out, { sourcemap: 'linked' }));
    ws = await CliWorkspace.create();
  });
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'lar-cli-cache-home-'));
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));
  after(async () => {
    await rm(out, { recursive: true, force: true });
    await ws?.dispose();
  });

  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(out, 'cli.js'), ...args], {
      cwd: ws.dir,
      env: {
        ...process.env,
        XDG_CACHE_HOME: join(tmp, 'cache'),
        STANDIN_ITER_MS: '1',
        LAR_EXPLORER_LANG: 'en',
        NO_COLOR: '1',
        ...env,
      },
      encoding: 'utf8',
    });
  /** The cache file of one command, code-cache/<build>/<command>.v8, and the chunks it holds. */
  const cacheOf = (command: string) =>
    filesUnder(join(tmp, 'cache', 'lar-explorer', 'code-cache')).filter(([f]) =>
      f.endsWith(`/${command}.v8`),
    );
  const chunksOf = (file: [string, string, number]) => [...unpack(Buffer.from(file[1], 'base64')).keys()];
  const chunksIn = (command: string) => {
    const [file] = cacheOf(command);
    return file ? chunksOf(file) : [];
  };

  it('same output whatever the cache: none, written, used, damaged, unwritable, turned off', () => {
    const pkg = filesUnder(out);
    const plain = cli(['parse', LOG], { LAR_EXPLORER_CODE_CACHE: 'off' });
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stdout, /"iterations"/);
    assert.equal(plain.stderr, '');
    assert.deepEqual(cacheOf('parse'), [], 'LAR_EXPLORER_CODE_CACHE=off wrote a cache');

    const first = cli(['parse', LOG]);
    assert.deepEqual([first.status, first.stdout, first.stderr], [0, plain.stdout, '']);
    const written = cacheOf('parse');
    assert.equal(written.length, 1);
    assert.ok(chunksIn('parse').length >= 2, `parse cached ${chunksIn('parse').length} chunks`);
    assert.ok(chunksIn('parse').includes('cli-main.cjs'));

    // Used as written: a second run rewrites nothing (a cache V8 refused would be rewritten).
    const second = cli(['parse', LOG]);
    assert.deepEqual([second.status, second.stdout, second.stderr], [0, plain.stdout, '']);
    assert.deepEqual(cacheOf('parse'), written);

    // A damaged file (V8 would crash or hang on it): caught, compiled from source, rewritten.
    const root = join(tmp, 'cache', 'lar-explorer', 'code-cache');
    const [[file]] = written;
    const bytes = readFileSync(join(root, file));
    bytes[bytes.length - 9] ^= 0x5a;
    writeFileSync(join(root, file), bytes);
    assert.deepEqual(chunksIn('parse'), [], 'the damaged file still reads');
    const damaged = cli(['parse', LOG]);
    assert.deepEqual([damaged.status, damaged.stdout, damaged.stderr], [0, plain.stdout, '']);
    assert.deepEqual(chunksIn('parse').sort(), chunksOf(written[0]).sort());

    // A file where the cache folder should be: the run costs only the cache.
    writeFileSync(join(tmp, 'blocked'), 'not a folder');
    const blocked = cli(['parse', LOG], { XDG_CACHE_HOME: join(tmp, 'blocked') });
    assert.deepEqual([blocked.status, blocked.stdout, blocked.stderr], [0, plain.stdout, '']);
    assert.equal(readFileSync(join(tmp, 'blocked'), 'utf8'), 'not a folder');

    assert.deepEqual(filesUnder(out), pkg, 'the CLI wrote into its own package folder');
  });

  it('the bin is only the loader: node builtins and the chunks, nothing of the CLI itself', () => {
    const bin = readFileSync(join(out, 'cli.js'), 'utf8');
    assert.match(bin, /^#!\/usr\/bin\/env node\n/);
    const required = [...bin.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    assert.ok(required.length > 0);
    assert.deepEqual(
      required.filter((r) => !r.startsWith('node:')),
      [],
    );
    assert.ok(bin.includes('"cli-main.cjs"'));
  });

  it('--enable-source-maps: stack traces name the sources, and no cache is read or written', () => {
    // A preload that records the stack of the CLI's first write to stdout (deep in the chunks).
    const peek = join(tmp, 'peek.cjs');
    writeFileSync(
      peek,
      `const w = process.stdout.write.bind(process.stdout); let seen = false;
       process.stdout.write = (...a) => { if (!seen) { seen = true;
         process.stderr.write(new Error('peek').stack + '\\n'); } return w(...a); };`,
    );
    const run = (nodeArgs: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [...nodeArgs, '-r', peek, join(out, 'cli.js'), 'parse', LOG], {
        cwd: ws.dir,
        env: { ...process.env, XDG_CACHE_HOME: join(tmp, 'cache'), ...env },
        encoding: 'utf8',
      });
    const mapped = run(['--enable-source-maps']);
    assert.equal(mapped.status, 0, mapped.stderr);
    assert.match(mapped.stderr, /at writeResultJson \(.*src\/cli\/resultJson\.ts:\d+:\d+\)/);
    const viaOptions = run([], { NODE_OPTIONS: '--enable-source-maps' });
    assert.match(viaOptions.stderr, /src\/cli\/resultJson\.ts/);
    assert.equal(viaOptions.stdout, mapped.stdout);
    assert.deepEqual(filesUnder(join(tmp, 'cache')), []);
    // Without the flag: the chunks' own names, and the cache written.
    const plain = run([]);
    assert.match(plain.stderr, /at writeResultJson \(.*cli-[\w-]+\.cjs:\d+:\d+\)/);
    assert.equal(plain.stdout, mapped.stdout);
    assert.ok(filesUnder(join(tmp, 'cache')).length > 0, 'the cache is written');
  });

  it('run keeps a cache of its own, and runs from it', () => {
    const args = ['run', '--lar', STANDIN, '--progress', 'none', MODEL, '--', '--iter', '2'];
    const first = cli(args);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /inference/);
    const written = cacheOf('run');
    assert.ok(chunksIn('run').length >= 5, `run cached ${chunksIn('run').length} chunks`);
    const second = cli(args);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /inference/);
    assert.deepEqual(cacheOf('run'), written);
    // Other commands' caches are their own (a --help cache would lack run's parser).
    assert.deepEqual(cacheOf('parse'), []);
    assert.equal(cli(['--help']).status, 0);
    assert.ok(chunksIn('main').length > chunksIn('run').length, '--help loads every command');
    assert.deepEqual(cacheOf('run'), written);
  });
});

// The bin's V8 code cache (issue #15): the store (src/cli/bin/codeCacheStore.ts) and the chunk
// loader (src/cli/bin/chunkLoader.ts) on small hand-written chunks. A cache may only ever cost
// speed: damaged, refused by V8, unwritable or unsafe, the chunks still run and nothing is said.
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkLoader } from '../../../src/cli/bin/chunkLoader';
import {
  cacheRoot,
  codeCacheDir,
  openCodeCacheStore,
  pack,
  profileName,
  unpack,
} from '../../../src/cli/bin/codeCacheStore';

/** Two chunks as the build writes them: main requires a shared chunk and a node builtin. */
function writeChunks(dir: string, extra = ''): void {
  writeFileSync(
    join(dir, 'cli-main.cjs'),
    `'use strict';
     const shared = require('./cli-SHARED.cjs');
     const { basename } = require('node:path');
     globalThis.__larChunkRuns = (globalThis.__larChunkRuns ?? 0) + 1;
     exports.answer = shared.twice(21);
     exports.file = basename(__filename);
     exports.dir = __dirname;
     exports.strict = (function () { return this === undefined; })();${extra}`,
  );
  writeFileSync(
    join(dir, 'cli-SHARED.cjs'),
    `'use strict';
     exports.twice = (n) => n * 2;
     exports.loadsMain = () => require('./cli-main.cjs').answer;`,
  );
}

/** Flips one byte of a cache file's V8 data (not its header): what a damaged disk does. */
function damageData(file: string): void {
  const bytes = readFileSync(file);
  bytes[bytes.length - 9] ^= 0x5a;
  writeFileSync(file, bytes);
}

describe('cli bin: the V8 code cache', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lar-code-cache-'));
    delete (globalThis as { __larChunkRuns?: number }).__larChunkRuns;
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const runs = () => (globalThis as { __larChunkRuns?: number }).__larChunkRuns;

  describe('cache files', () => {
    it('carry the data of every chunk back, and nothing at all when damaged, cut short or not ours', () => {
      const caches = new Map([
        ['cli-main.cjs', Buffer.from('compiled main, as V8 would give it')],
        ['cli-AB12.cjs', Buffer.from('compiled shared chunk')],
      ]);
      assert.deepEqual(unpack(pack(caches)), caches);
      assert.deepEqual(unpack(pack(new Map())), new Map());
      const flipped = pack(caches);
      flipped[flipped.length - 3] ^= 1;
      assert.deepEqual(unpack(flipped), new Map());
      assert.deepEqual(unpack(pack(caches).subarray(0, 40)), new Map());
      assert.deepEqual(unpack(Buffer.from('{"not":"a cache"}')), new Map());
      assert.deepEqual(unpack(Buffer.alloc(0)), new Map());
    });

    it('live in the user cache folder, per build, CPU and V8 version', () => {
      const env = { XDG_CACHE_HOME: '/x/cache', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
      assert.equal(cacheRoot({ env, platform: 'linux', home: '/home/u' }), '/x/cache/lar-explorer');
      assert.equal(cacheRoot({ env: {}, platform: 'linux', home: '/home/u' }), '/home/u/.cache/lar-explorer');
      assert.equal(
        cacheRoot({ env: {}, platform: 'darwin', home: '/Users/u' }),
        '/Users/u/Library/Caches/lar-explorer',
      );
      assert.match(
        String(cacheRoot({ env, platform: 'win32', home: undefined })),
        /AppData.Local.lar-explorer$/,
      );
      // No home and no cache variable: no cache at all (never a shared folder such as /tmp).
      assert.equal(cacheRoot({ env: {}, platform: 'linux', home: undefined }), undefined);
      // Node options change V8's flags, which V8 checks: each set of options keeps its own cache.
      assert.equal(profileName('run', []), 'run');
      assert.equal(profileName('run', ['', '']), 'run');
      assert.match(profileName('run', ['--max-old-space-size=4096']), /^run-[0-9a-f]{8}$/);
      assert.notEqual(profileName('run', ['--cpu-prof']), profileName('run', ['--max-old-space-size=4096']));
      const dir = codeCacheDir('/c/lar-explorer', 'abc123');
      assert.ok(dir.startsWith('/c/lar-explorer/code-cache/abc123-'));
      assert.ok(dir.includes(process.arch) && dir.endsWith(`-v8-${process.versions.v8}`));
    });
  });

  describe('the store', () => {
    const code = new Map([['cli-main.cjs', Buffer.from('code')]]);

    it('writes a private file per command atomically and reads it back', () => {
      const build = join(tmp, 'code-cache', 'b1');
      const store = openCodeCacheStore(build, 'run')!;
      assert.deepEqual(store.read(), new Map());
      assert.equal(store.write(code), true);
      assert.deepEqual(store.read(), code);
      assert.deepEqual(readdirSync(build), ['run.v8']);
      if (process.platform !== 'win32') {
        assert.equal(statSync(build).mode & 0o777, 0o700);
        assert.equal(statSync(join(tmp, 'code-cache')).mode & 0o777, 0o700);
        assert.equal(statSync(join(build, 'run.v8')).mode & 0o777, 0o600);
      }
      // Another command's cache is its own (see openCodeCacheStore).
      assert.deepEqual(openCodeCacheStore(build, 'list')!.read(), new Map());
    });

    it('is not used in a folder others may write to', function () {
      if (process.platform === 'win32') this.skip(); // no mode bits: LOCALAPPDATA is private
      const build = join(tmp, 'code-cache', 'b1');
      openCodeCacheStore(build, 'run')!.write(code);
      chmodSync(build, 0o770);
      assert.equal(openCodeCacheStore(build, 'run'), undefined);
      chmodSync(build, 0o707);
      assert.equal(openCodeCacheStore(build, 'run'), undefined);
    });

    it('an unwritable place costs nothing but the cache: no throw, nothing read', () => {
      // A file where the folder should be (fails even for root, as the tests may run).
      writeFileSync(join(tmp, 'code-cache'), 'in the way');
      const blocked = openCodeCacheStore(join(tmp, 'code-cache', 'b1'), 'run');
      assert.equal(blocked?.write(code) ?? false, false);
      assert.deepEqual(blocked?.read() ?? new Map(), new Map());
      assert.equal(readFileSync(join(tmp, 'code-cache'), 'utf8'), 'in the way');
      // A folder that does not exist yet and cannot be made: the store opens, its write fails.
      if (process.platform === 'linux') {
        const proc = openCodeCacheStore('/proc/lar-explorer-code-cache-test', 'run');
        assert.ok(proc);
        assert.equal(proc.write(code), false);
      }
    });

    it('a new build prunes the caches of older ones, keeping the two newest', () => {
      const root = join(tmp, 'code-cache');
      const old = ['a-x64-v8-1', 'b-x64-v8-1', 'c-x64-v8-1', 'd-x64-v8-1'];
      old.forEach((name, i) => {
        mkdirSync(join(root, name), { recursive: true });
        writeFileSync(join(root, name, 'run.v8'), 'old');
        utimesSync(join(root, name), 1000 + i, 1000 + i);
      });
      mkdirSync(join(root, 'not-a-build'));
      openCodeCacheStore(join(root, 'e-x64-v8-1'), 'run')!.write(code);
      assert.deepEqual(readdirSync(root).sort(), ['c-x64-v8-1', 'd-x64-v8-1', 'e-x64-v8-1', 'not-a-build']);
      // A further command of the same build prunes nothing.
      openCodeCacheStore(join(root, 'e-x64-v8-1'), 'list')!.write(code);
      assert.equal(readdirSync(root).length, 4);
    });
  });

  describe('the chunk loader', () => {
    /** A loader of the chunks in tmp with the `run` command's cache in `build` (one invocation). */
    const loaderAt = (build: string) => new ChunkLoader(tmp, openCodeCacheStore(build, 'run'));

    it('runs the chunks as require would: one evaluation each, strict, __filename and __dirname', () => {
      writeChunks(tmp);
      const loader = new ChunkLoader(tmp, undefined);
      const main = loader.load('cli-main.cjs') as Record<string, unknown>;
      assert.deepEqual(main, { answer: 42, file: 'cli-main.cjs', dir: tmp, strict: true });
      const shared = loader.load('cli-SHARED.cjs') as { loadsMain(): number };
      assert.equal(shared.loadsMain(), 42);
      assert.equal(runs(), 1);
      assert.deepEqual(loader.cacheUse(), { 'cli-SHARED.cjs': 'no-store', 'cli-main.cjs': 'no-store' });
      loader.saveCaches(); // no store: nothing to do, no throw
    });

    it('a chunk that throws is not kept: loading it again runs it again', () => {
      writeFileSync(
        join(tmp, 'cli-main.cjs'),
        `globalThis.__larChunkRuns = (globalThis.__larChunkRuns ?? 0) + 1; throw new Error('boom');`,
      );
      const loader = new ChunkLoader(tmp, undefined);
      assert.throws(() => loader.load('cli-main.cjs'), /boom/);
      assert.throws(() => loader.load('cli-main.cjs'), /boom/);
      assert.equal(runs(), 2);
    });

    it('writes the cache at the end, and the next invocation compiles from it', () => {
      writeChunks(tmp);
      const build = join(tmp, 'cache', 'b1');
      const first = loaderAt(build);
      first.load('cli-main.cjs');
      assert.deepEqual(first.cacheUse(), { 'cli-SHARED.cjs': 'missing', 'cli-main.cjs': 'missing' });
      first.saveCaches();
      assert.deepEqual([...openCodeCacheStore(build, 'run')!.read().keys()].sort(), [
        'cli-SHARED.cjs',
        'cli-main.cjs',
      ]);
      const second = loaderAt(build);
      assert.equal((second.load('cli-main.cjs') as { answer: number }).answer, 42);
      assert.deepEqual(second.cacheUse(), { 'cli-SHARED.cjs': 'accepted', 'cli-main.cjs': 'accepted' });
      // Nothing to write when every chunk came from the cache (a write would recreate the file).
      rmSync(join(build, 'run.v8'));
      second.saveCaches();
      assert.equal(existsSync(join(build, 'run.v8')), false);
    });

    it('a chunk new to the command is added; what other invocations cached stays', () => {
      writeChunks(tmp);
      const build = join(tmp, 'cache', 'b1');
      const sharedOnly = loaderAt(build);
      sharedOnly.load('cli-SHARED.cjs');
      sharedOnly.saveCaches();
      assert.deepEqual([...openCodeCacheStore(build, 'run')!.read().keys()], ['cli-SHARED.cjs']);
      const withMain = loaderAt(build);
      withMain.load('cli-main.cjs');
      assert.deepEqual(withMain.cacheUse(), { 'cli-SHARED.cjs': 'accepted', 'cli-main.cjs': 'missing' });
      withMain.saveCaches();
      const sharedAgain = loaderAt(build);
      sharedAgain.load('cli-SHARED.cjs');
      assert.deepEqual(sharedAgain.cacheUse(), { 'cli-SHARED.cjs': 'accepted' });
      const both = loaderAt(build);
      both.load('cli-main.cjs');
      assert.deepEqual(both.cacheUse(), { 'cli-SHARED.cjs': 'accepted', 'cli-main.cjs': 'accepted' });
    });

    it('a damaged cache file is never given to V8: the chunk compiles from source, the file is rewritten', () => {
      writeChunks(tmp);
      const build = join(tmp, 'cache', 'b1');
      const first = loaderAt(build);
      first.load('cli-main.cjs');
      first.saveCaches();
      damageData(join(build, 'run.v8'));
      const damaged = loaderAt(build);
      assert.equal((damaged.load('cli-main.cjs') as { answer: number }).answer, 42);
      assert.deepEqual(damaged.cacheUse(), { 'cli-SHARED.cjs': 'missing', 'cli-main.cjs': 'missing' });
      damaged.saveCaches();
      const repaired = loaderAt(build);
      repaired.load('cli-main.cjs');
      assert.deepEqual(repaired.cacheUse(), { 'cli-SHARED.cjs': 'accepted', 'cli-main.cjs': 'accepted' });
    });

    it('a cache V8 refuses (code changed under the same build id) still runs the new code, then is replaced', () => {
      writeChunks(tmp);
      const build = join(tmp, 'cache', 'b1');
      const first = loaderAt(build);
      first.load('cli-main.cjs');
      first.saveCaches();
      writeChunks(tmp, `\n     exports.answer = 43;`);
      const changed = loaderAt(build);
      assert.equal((changed.load('cli-main.cjs') as { answer: number }).answer, 43);
      assert.deepEqual(changed.cacheUse(), { 'cli-SHARED.cjs': 'accepted', 'cli-main.cjs': 'rejected' });
      changed.saveCaches();
      const again = loaderAt(build);
      assert.equal((again.load('cli-main.cjs') as { answer: number }).answer, 43);
      assert.equal(again.cacheUse()['cli-main.cjs'], 'accepted');
    });

    it('an unwritable cache folder: the chunks run, saving gives up quietly', () => {
      writeChunks(tmp);
      writeFileSync(join(tmp, 'cache'), 'in the way');
      const loader = new ChunkLoader(tmp, openCodeCacheStore(join(tmp, 'cache', 'b1'), 'run'));
      assert.equal((loader.load('cli-main.cjs') as { answer: number }).answer, 42);
      loader.saveCaches();
      assert.equal(readFileSync(join(tmp, 'cache'), 'utf8'), 'in the way');
    });
  });
});

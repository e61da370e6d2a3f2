// Fault 3: temp files of atomic writes leaked. A write that fails (full disk) must remove its temp;
// a writer killed mid-write (kill -9) leaves one, which the next save sweeps; a temp a live writer
// owns is never touched.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RecordStore, RecordStoreError } from '../../src/core/records/recordStore';
import { sampleRecord } from '../unit/records/sampleRecord';

const require = createRequire(resolve('package.json'));
const TSX = pathToFileURL(require.resolve('tsx')).href;
const ATOMIC = pathToFileURL(resolve('src/core/records/atomicFile.ts')).href;

/** A separate process that writes `target` atomically and stops between fsync and rename (until killed). */
function stuckWriter(target: string): Promise<ChildProcess> {
  const script = `
    setInterval(() => {}, 1000); // stays alive until killed
    const m = await import(${JSON.stringify(ATOMIC)});
    const { createFileAtomic } = m.createFileAtomic ? m : m.default;
    await createFileAtomic(${JSON.stringify(target)}, 'x'.repeat(100000), {
      beforeCommit: () => { process.stdout.write('ready\\n'); return new Promise(() => {}); },
    });`;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return new Promise((done, fail) => {
    child.stdout!.on('data', () => done(child));
    child.on('exit', (code) => fail(new Error(`writer exited early (${code})`)));
  });
}

const temps = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((n) => n.endsWith('.tmp'));

describe('reliability: temp files of atomic writes', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'lar-temps-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('a write that fails (disk full) leaves no temp file and names the file it could not write', async () => {
    const full = new RecordStore(dir, {
      hooks: {
        beforeWrite: () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
      },
    });
    await assert.rejects(
      full.save(sampleRecord()),
      (e: unknown) =>
        e instanceof RecordStoreError && /cannot write run record .*no space left/.test(e.message),
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('the temp of a writer killed with -9 is swept by the next save; a live writer keeps its temp', async () => {
    const dead = await stuckWriter(join(dir, 'dead.json'));
    const live = await stuckWriter(join(dir, 'live.json'));
    try {
      dead.kill('SIGKILL');
      await new Promise((r) => dead.once('exit', r));
      assert.equal((await temps(dir)).length, 2);
      await new RecordStore(dir).save(sampleRecord());
      const left = await temps(dir);
      assert.equal(left.length, 1, left.join(', '));
      assert.match(left[0]!, /^\.live\.json\./, 'the live writer lost its temp file');
      assert.equal((await new RecordStore(dir).list()).records.length, 1);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('an untagged temp (older versions) is swept only once it is a day old', async () => {
    const fresh = join(dir, '.20250304T050607.089Z-deadbeef.json.abc123.tmp');
    const old = join(dir, '.20250304T050607.089Z-cafebabe.json.abc124.tmp');
    await writeFile(fresh, '{"half":');
    await writeFile(old, '{"half":');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    await new RecordStore(dir).save(sampleRecord());
    assert.deepEqual(await temps(dir), [fresh.slice(dir.length + 1)]);
  });
});

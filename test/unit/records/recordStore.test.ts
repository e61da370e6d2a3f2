import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordFileName } from '../../../src/core/records/recordNames';
import { RecordStore, RecordStoreError } from '../../../src/core/records/recordStore';
import { sampleRecord, sampleResult } from './sampleRecord';

describe('RecordStore', () => {
  let dir: string;
  let store: RecordStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lar-records-'));
    store = new RecordStore(join(dir, 'runs'));
  });
  afterEach(async () => {
    await fs.chmod(join(dir, 'runs'), 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('names files by compact start time and short id, sortable and without colons', () => {
    const name = recordFileName({
      id: '1A2B3C4D-0000-4000-8000-000000000000',
      startedAt: '2025-03-04T05:06:07.089Z',
    });
    assert.equal(name, '20250304T050607.089Z-1a2b3c4d.json');
    assert.ok(!name.includes(':'));
  });

  it('uses <workspace>/.lar-explorer/runs for a workspace', () => {
    assert.equal(RecordStore.forWorkspace('/ws').dir, join('/ws', '.lar-explorer', 'runs'));
  });

  it('saves a record as pretty JSON with a stable key order and reads it back equal', async () => {
    const rec = sampleRecord();
    await store.save(rec);
    const files = await readdir(store.dir);
    assert.deepEqual(files, [recordFileName(rec)]);
    const text = await readFile(join(store.dir, files[0]), 'utf8');
    assert.ok(text.startsWith('{\n  "schema": 2,\n  "id": '), text.slice(0, 40));
    assert.ok(text.endsWith('}\n'));
    // Same content built in another key order → same bytes.
    const shuffled = Object.fromEntries(Object.entries(rec).reverse()) as typeof rec;
    shuffled.flags = { cpu: true, iter: 10 };
    // Another id (and so another file): change its first character to a different one.
    shuffled.id = (rec.id.startsWith('f') ? 'e' : 'f') + rec.id.slice(1);
    await store.save(shuffled);
    const other = (await readdir(store.dir)).find((f) => f !== files[0])!;
    const text2 = await readFile(join(store.dir, other), 'utf8');
    assert.equal(text2, text.replace(rec.id, shuffled.id));
    const { records, problems } = await store.list();
    assert.deepEqual(problems, []);
    assert.equal(records.length, 2);
    assert.deepEqual(
      records.find((r) => r.id === rec.id),
      rec,
    );
  });

  it('leaves no temp files behind', async () => {
    await store.save(sampleRecord());
    const r2 = await store.save(sampleRecord({ log: 'x'.repeat(300 * 1024) }));
    await store.update(r2.id, { label: 'big' });
    const names = await readdir(store.dir);
    assert.equal(names.filter((n) => n.startsWith('.') || n.endsWith('.tmp')).length, 0, names.join(','));
    assert.equal(names.length, 3);
  });

  it('a crash between write and rename leaves the old state', async () => {
    const rec = sampleRecord({ label: 'before' });
    await store.save(rec);
    const file = join(store.dir, recordFileName(rec));
    const before = await readFile(file);
    const crashing = new RecordStore(store.dir, {
      hooks: {
        beforeCommit: async (temp) => {
          // The temp file is complete and synced at this point, next to the target.
          assert.match(await readFile(temp, 'utf8'), /"after"/);
          throw new Error('simulated crash');
        },
      },
    });
    await assert.rejects(crashing.update(rec.id, { label: 'after' }), /simulated crash/);
    assert.deepEqual(await readFile(file), before);
    const fresh = sampleRecord({ label: 'after' });
    await assert.rejects(crashing.save(fresh), /simulated crash/);
    assert.deepEqual(await readdir(store.dir), [recordFileName(rec)]);
  });

  it('ignores a temp file a real crash left behind', async () => {
    await store.save(sampleRecord());
    await writeFile(join(store.dir, '.20250304T050607.089Z-deadbeef.json.abc123.tmp'), '{"half":');
    const { records, problems } = await store.list();
    assert.equal(records.length, 1);
    assert.deepEqual(problems, []);
  });

  it('never overwrites an existing record on save', async () => {
    const rec = sampleRecord();
    await store.save(rec);
    const file = join(store.dir, recordFileName(rec));
    const before = await readFile(file);
    await assert.rejects(
      store.save({ ...rec, status: 'failed' }),
      (e: unknown) => e instanceof RecordStoreError && /never overwritten/.test(e.message),
    );
    assert.deepEqual(await readFile(file), before);
  });

  it('reports a corrupt file and leaves it byte-identical', async () => {
    await store.save(sampleRecord());
    const corrupt = join(store.dir, '20250101T000000.000Z-badbadba.json');
    const bytes = Buffer.from('{"schema": 1, "id": "x", \u0000 truncated', 'utf8');
    await writeFile(corrupt, bytes);
    const { stat } = fs;
    const mtime = (await stat(corrupt)).mtimeMs;
    const { records, problems } = await store.list();
    assert.equal(records.length, 1);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, '20250101T000000.000Z-badbadba.json');
    assert.match(problems[0].reason, /not valid JSON/);
    assert.deepEqual(await readFile(corrupt), bytes);
    assert.equal((await stat(corrupt)).mtimeMs, mtime);
  });

  it('skips and reports an unknown schema version', async () => {
    const future = { ...sampleRecord(), schema: 3, newThing: true };
    const file = join(store.dir, '20990101T000000.000Z-00000002.json');
    await fs.mkdir(store.dir, { recursive: true });
    const text = JSON.stringify(future);
    await writeFile(file, text);
    const { records, problems } = await store.list();
    assert.equal(records.length, 0);
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /schema version 3 is newer/);
    assert.equal(await readFile(file, 'utf8'), text);
  });

  it('reports a record of the right version but the wrong shape, naming the field', async () => {
    await fs.mkdir(store.dir, { recursive: true });
    const bad = { ...sampleRecord(), status: 'exploded' };
    await writeFile(join(store.dir, 'x.json'), JSON.stringify(bad));
    await writeFile(join(store.dir, 'y.json'), '[1,2]');
    const { problems } = await store.list();
    assert.equal(problems.length, 2);
    assert.match(problems[0].reason, /invalid run record: status/);
    assert.match(problems[1].reason, /not a run record/);
  });

  it('round-trips odd model paths, labels and flag values (spaces, quotes, non-ASCII)', async () => {
    const odd = 'models/my \'quoted\' "model" 模型 $(x) `y`;.mge';
    const rec = sampleRecord({
      label: 'Ünïcödé 标签 "q"',
      model: { path: odd, sha256: null },
      flags: { input: 'data:/tmp/a b/输入.npy', iter: 3 },
      command: `load_and_run '${odd}'`,
    });
    await store.save(rec);
    const back = await store.get(rec.id);
    assert.deepEqual(back, rec);
  });

  it('keeps NaN measurements (iter 1) as NaN after a round trip', async () => {
    const rec = sampleRecord({ result: sampleResult([5]) });
    assert.ok(Number.isNaN(rec.result!.phases.inference!.sdMs));
    await store.save(rec);
    const back = await store.get(rec.id);
    assert.ok(Number.isNaN(back!.result!.phases.inference!.sdMs));
    assert.equal(back!.result!.phases.inference!.meanMs, 5);
  });

  it('moves a log over 256 KiB to a sibling .log file and reads it back', async () => {
    const log = 'iter 0/10: e2e=5.200 ms (host=0.310 ms)\n'.repeat(8000); // ~320 KB
    const small = sampleRecord({ log: 'short' });
    const big = sampleRecord({ log });
    await store.save(small);
    const stored = await store.save(big);
    assert.equal(stored.log, null);
    assert.equal(stored.logFile, recordFileName(big).replace(/\.json$/, '.log'));
    assert.equal(await readFile(join(store.dir, stored.logFile!), 'utf8'), log);
    const back = (await store.get(big.id))!;
    assert.equal(back.log, null);
    assert.equal(await store.readLog(back), log);
    assert.equal(await store.readLog((await store.get(small.id))!), 'short');
    assert.ok((await readFile(join(store.dir, recordFileName(big)))).length < 10_000);
  });

  it('updates label and baseline atomically and keeps fields it does not know', async () => {
    const rec = sampleRecord();
    await store.save(rec);
    const file = join(store.dir, recordFileName(rec));
    const raw = JSON.parse(await readFile(file, 'utf8'));
    raw.futureField = { kept: true };
    await writeFile(file, JSON.stringify(raw));
    const renamed = await store.update(rec.id, { label: '  fast one  ', baseline: true });
    assert.equal(renamed.label, 'fast one');
    assert.equal(renamed.baseline, true);
    const after = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(after.futureField, { kept: true });
    assert.equal(after.label, 'fast one');
    const cleared = await store.update(rec.id, { label: null, baseline: false });
    assert.equal(cleared.label, undefined);
    assert.equal(cleared.baseline, undefined);
    const again = JSON.parse(await readFile(file, 'utf8'));
    assert.ok(!('label' in again) && !('baseline' in again));
    await assert.rejects(store.update('nope', { label: 'x' }), /no run with id nope/);
  });

  it('pins one baseline per model', async () => {
    const a = sampleRecord({ baseline: true });
    const b = sampleRecord();
    const other = sampleRecord({ baseline: true, model: { path: 'other.mge', sha256: 'b'.repeat(64) } });
    for (const r of [a, b, other]) await store.save(r);
    await store.pinBaseline(b.id);
    assert.equal((await store.get(a.id))!.baseline, undefined);
    assert.equal((await store.get(b.id))!.baseline, true);
    assert.equal((await store.get(other.id))!.baseline, true);
  });

  it('deletes a record and its log sidecar', async () => {
    const big = await store.save(sampleRecord({ log: 'y'.repeat(300 * 1024) }));
    const keep = await store.save(sampleRecord());
    assert.equal(await store.delete(big.id), true);
    assert.deepEqual(await readdir(store.dir), [recordFileName(keep)]);
    assert.equal(await store.delete(big.id), false);
  });

  it('resolves id prefixes and explains ambiguity', async () => {
    const a = sampleRecord({ id: 'abc11111-0000-4000-8000-000000000001' });
    const b = sampleRecord({ id: 'abc22222-0000-4000-8000-000000000002' });
    await store.save(a);
    await store.save(b);
    assert.equal((await store.resolve('abc1')).id, a.id);
    assert.equal((await store.resolve(b.id)).id, b.id);
    await assert.rejects(store.resolve('abc'), /ambiguous: 2 runs match/);
    await assert.rejects(store.resolve('zzz'), /no run with id zzz/);
  });

  it('lists oldest first; a missing folder is an empty list', async () => {
    assert.deepEqual(await new RecordStore(join(dir, 'none')).list(), { records: [], problems: [] });
    const late = sampleRecord({ startedAt: '2025-05-01T00:00:00.000Z' });
    const early = sampleRecord({ startedAt: '2024-05-01T00:00:00.000Z' });
    await store.save(late);
    await store.save(early);
    assert.deepEqual(
      (await store.list()).records.map((r) => r.id),
      [early.id, late.id],
    );
  });

  it('gives a clear error when the folder cannot be read', async () => {
    const notADir = join(dir, 'file');
    await writeFile(notADir, 'x');
    await assert.rejects(
      new RecordStore(notADir).list(),
      (e: unknown) => e instanceof RecordStoreError && /cannot read run records folder/.test(e.message),
    );
    await assert.rejects(
      new RecordStore(join(notADir, 'runs')).save(sampleRecord()),
      /cannot create run records folder/,
    );
  });
});

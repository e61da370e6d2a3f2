import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordIndex } from '../../../src/core/records/recordIndex';
import { recordToJson } from '../../../src/core/records/canonicalJson';
import { recordFileName } from '../../../src/core/records/recordNames';
import { RecordStore } from '../../../src/core/records/recordStore';
import { headOf } from '../../../src/core/records/runHead';
import { sampleRecord, sampleResult } from './sampleRecord';

describe('RecordIndex', () => {
  let dir: string;
  let store: RecordStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lar-index-'));
    store = new RecordStore(join(dir, 'runs'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function indexOf(n: number): Promise<{ index: RecordIndex; ids: string[] }> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const rec = sampleRecord({ startedAt: `2025-03-04T05:06:${String(10 + i).padStart(2, '0')}.000Z` });
      await store.save(rec);
      ids.push(rec.id);
    }
    const index = new RecordIndex(store, { racyMs: 0 });
    await index.load();
    return { index, ids };
  }

  it('reads the folder once, then one new record costs exactly one file read', async () => {
    const { index, ids } = await indexOf(5);
    assert.equal(index.filesRead, 5);
    assert.deepEqual(
      index.heads().map((r) => r.id),
      ids,
    );
    const fresh = sampleRecord({ startedAt: '2025-03-04T06:00:00.000Z' });
    await store.save(fresh);
    assert.equal(await index.refresh(recordFileName(fresh)), true);
    assert.equal(index.filesRead, 6);
    assert.equal(index.heads().length, 6);
    assert.equal(index.heads().at(-1)!.id, fresh.id);
  });

  it('a deleted record leaves the index (one read, or none when told by forget)', async () => {
    const { index, ids } = await indexOf(3);
    const first = (await store.get(ids[0]))!;
    await store.delete(ids[0]);
    assert.equal(await index.refresh(recordFileName(first)), true);
    assert.deepEqual(
      index.heads().map((r) => r.id),
      ids.slice(1),
    );
    const second = (await store.get(ids[1]))!;
    const before = index.filesRead;
    assert.equal(index.forget(recordFileName(second)), true);
    assert.equal(index.filesRead, before);
    assert.deepEqual(
      index.heads().map((r) => r.id),
      ids.slice(2),
    );
    assert.deepEqual(index.listing().problems, []);
  });

  it('a changed file (rename, baseline pin) updates its entry', async () => {
    const { index, ids } = await indexOf(2);
    const renamed = await store.update(ids[1], { label: 'tuned', baseline: true });
    await index.refresh(recordFileName(renamed));
    const got = index.heads().find((r) => r.id === ids[1])!;
    assert.equal(got.label, 'tuned');
    assert.equal(got.baseline, true);
    assert.equal(index.heads().length, 2);
  });

  it('a corrupt or newer-schema file becomes a problem, not a crash, and is left byte-for-byte alone', async () => {
    const { index, ids } = await indexOf(2);
    const file = recordFileName((await store.get(ids[0]))!);
    const corrupt = '{ "schema": 1, "id": "x", broken';
    await writeFile(join(store.dir, file), corrupt);
    await index.refresh(file);
    const { heads: records, problems } = index.listing();
    assert.deepEqual(
      records.map((r) => r.id),
      [ids[1]],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, file);
    assert.match(problems[0]!.reason, /not valid JSON/);
    assert.equal(await readFile(join(store.dir, file), 'utf8'), corrupt);

    await writeFile(join(store.dir, 'z-future.json'), JSON.stringify({ schema: 99, id: 'f' }));
    await index.refresh('z-future.json');
    assert.match(index.listing().problems.find((p) => p.file === 'z-future.json')!.reason, /newer/);
  });

  it('ignores temp files and non-JSON names without reading them', async () => {
    const { index } = await indexOf(1);
    const before = index.filesRead;
    assert.equal(await index.refresh('.tmp-123.json'), false);
    assert.equal(await index.refresh('x.log'), false);
    assert.equal(index.filesRead, before);
  });

  it('sync after missed events reads only the files that appeared and drops vanished ones', async () => {
    const { index, ids } = await indexOf(4);
    const gone = (await store.get(ids[0]))!;
    await unlink(join(store.dir, recordFileName(gone)));
    const added = sampleRecord({ startedAt: '2025-03-04T07:00:00.000Z' });
    await store.save(added);
    const before = index.filesRead;
    assert.equal(await index.sync(), 2);
    assert.equal(index.filesRead - before, 1);
    assert.deepEqual(
      index.heads().map((r) => r.id),
      [...ids.slice(1), added.id],
    );
  });

  it('agrees with RecordStore.list on the same folder', async () => {
    const { index } = await indexOf(3);
    await writeFile(join(store.dir, 'bad.json'), 'nope');
    await index.refresh('bad.json');
    const full = await store.list();
    assert.deepEqual(index.listing(), { heads: full.records.map(headOf), problems: full.problems });
  });

  it('reads small files synchronously and a big one (over 1 MiB) asynchronously, with the same result', async () => {
    const { ids } = await indexOf(4);
    // An old schema-1 record of 30,000 iterations: over 1 MiB, so read on the thread pool.
    const e2e = Array.from({ length: 30_000 }, (_, i) => 1 + (i % 7) / 10);
    const big = sampleRecord({ schema: 1, startedAt: '2025-03-04T07:00:00.000Z', result: sampleResult(e2e) });
    const text = recordToJson(big);
    assert.ok(text.length > 1 << 20, `the big record is ${text.length} bytes`);
    await writeFile(join(store.dir, recordFileName(big)), text);
    await writeFile(join(store.dir, 'bad.json'), '{"schema": 1');

    const index = new RecordIndex(store, { racyMs: 0 });
    await index.load();
    assert.deepEqual(
      index.heads().map((h) => h.id),
      [...ids, big.id],
    );
    assert.equal(index.heads().at(-1)!.result!.iterationCount, 30_000);
    assert.deepEqual(
      index.listing().problems.map((p) => [p.file, /not valid JSON/.test(p.reason)]),
      [['bad.json', true]],
    );
  });

  it('yields to the event loop between slices of synchronous reads', async () => {
    await indexOf(12);
    const index = new RecordIndex(store, { racyMs: 0, sliceMs: 0 });
    // Count event-loop turns while the index reads: synchronous reads without yields would leave
    // only the few turns of the listing and stats.
    let turns = 0;
    let running = true;
    const spin = (): void => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    await index.load();
    running = false;
    assert.equal(index.filesRead, 12);
    assert.ok(turns >= 12, `the event loop turned ${turns} times during 12 reads`);
  });
});

// Fault 13: `compare` of many ids read the whole runs folder once per id, in parallel (12 ids with
// a 40 MB record: 17 s, 1.77 GB). Now one read serves every id. Fault 12 (compare): a run whose file
// was skipped is named as skipped, not "no run with id"; skipped files are reported by compare.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordStore } from '../../src/core/records/recordStore';
import { recordFileName } from '../../src/core/records/recordNames';
import { CliWorkspace } from '../unit/cli/cliHarness';
import { sampleRecord, sampleResult } from '../unit/records/sampleRecord';

describe('reliability: many ids, skipped records', function () {
  this.timeout(20_000);
  let ws: CliWorkspace;
  let store: RecordStore;
  let ids: string[];
  beforeEach(async () => {
    ws = await CliWorkspace.create();
    store = RecordStore.forWorkspace(ws.dir);
    ids = [];
    for (let i = 0; i < 12; i++)
      ids.push((await store.save(sampleRecord({ result: sampleResult([5 + i / 10, 5.1, 4.9]) }))).id);
  });
  afterEach(async () => ws.dispose());

  it('compare of 12 ids reads each compared record file once (the heads come from the cache)', async () => {
    // Files written a moment ago are not trusted from the cache (runsCache.ts RACY_MS): age them.
    const old = new Date(Date.now() - 60_000);
    for (const name of await fs.readdir(store.dir)) await fs.utimes(join(store.dir, name), old, old);
    const first = await ws.run(['compare', ...ids.map((id) => id.slice(0, 8))]);
    assert.equal(first.code, 0, first.stderr); // no cache yet: every file read once for its head
    let reads = 0;
    // regularFile.ts reads through a file handle; count opens of record files instead.
    const open = fs.open;
    fs.open = (async (...args: Parameters<typeof fs.open>) => {
      if (String(args[0]).endsWith('.json')) reads++;
      return open(...args);
    }) as typeof fs.open;
    try {
      const r = await ws.run(['compare', ...ids.map((id) => id.slice(0, 8))]);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      fs.open = open;
    }
    assert.equal(reads, 12, `record files opened ${reads} times for 12 ids with the cache present`);
  });

  it('list and export open no record file while the cache describes the folder', async () => {
    const old = new Date(Date.now() - 60_000);
    for (const name of await fs.readdir(store.dir)) await fs.utimes(join(store.dir, name), old, old);
    const cold = await ws.run(['list', '--json']);
    assert.equal(cold.code, 0, cold.stderr);
    let reads = 0;
    const open = fs.open;
    fs.open = (async (...args: Parameters<typeof fs.open>) => {
      if (String(args[0]).endsWith('.json')) reads++;
      return open(...args);
    }) as typeof fs.open;
    let warm: Awaited<ReturnType<CliWorkspace['run']>>;
    try {
      warm = await ws.run(['list', '--json']);
      assert.equal((await ws.run(['export', '--format', 'csv'])).code, 0);
      assert.equal((await ws.run(['export', ids[3]!.slice(0, 8), '--format', 'json'])).code, 0);
    } finally {
      fs.open = open;
    }
    assert.equal(reads, 0, `record files opened ${reads} times`);
    assert.equal(warm.stdout, cold.stdout, 'the cache lists exactly what reading the files did');
  });

  it('a run whose file cannot be read is reported as skipped, not as missing', async () => {
    const rec = sampleRecord();
    await writeFile(join(store.dir, recordFileName(rec)), '{"schema": 1, "id": "truncat');
    const ok = await ws.run(['compare', ids[0]!, ids[1]!]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /warning: skipped .*-[0-9a-f]{8}\.json: not valid JSON/);
    const r = await ws.run(['compare', ids[0]!, rec.id]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      new RegExp(`no run with id ${rec.id} .*may hold it but was skipped: not valid JSON`),
    );
  });
});

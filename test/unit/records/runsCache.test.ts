// The persistent summary cache (runsCache.ts) through the index and the store: hits read no record
// file, a moved stamp re-reads exactly that file, a bad or foreign cache is rebuilt, an unwritable
// cache changes nothing but speed, and no record file is ever written by it.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRecords } from '../../../src/core/records/compare';
import { RecordIndex } from '../../../src/core/records/recordIndex';
import { recordFileName } from '../../../src/core/records/recordNames';
import { RecordStore } from '../../../src/core/records/recordStore';
import { headOf } from '../../../src/core/records/runHead';
import { CACHE_FOLDER, RUNS_CACHE_FILE, RunsCache } from '../../../src/core/records/runsCache';
import { sampleRecord, sampleResult } from './sampleRecord';

describe('RunsCache (persistent heads of a runs folder)', () => {
  let root: string;
  let ids: string[];
  const cacheFile = () => join(root, CACHE_FOLDER, RUNS_CACHE_FILE);
  const store = () => RecordStore.forWorkspace(root);
  const runsDir = () => store().dir;

  /** Record files written a minute ago: old enough for the cache to trust (see RACY_MS). */
  async function ageRecords(): Promise<void> {
    const old = new Date(Date.now() - 60_000);
    for (const n of await readdir(runsDir())) await utimes(join(runsDir(), n), old, old);
  }

  async function loaded(): Promise<RecordIndex> {
    const index = store().index();
    await index.load();
    return index;
  }

  /** Opens of record files (the store reads through a file handle) while `fn` runs. */
  async function recordOpens(fn: () => Promise<unknown>): Promise<number> {
    let n = 0;
    const open = fs.open;
    fs.open = (async (...args: Parameters<typeof fs.open>) => {
      if (String(args[0]).startsWith(runsDir()) && String(args[0]).endsWith('.json')) n++;
      return open(...args);
    }) as typeof fs.open;
    try {
      await fn();
    } finally {
      fs.open = open;
    }
    return n;
  }

  async function recordBytes(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const n of await readdir(runsDir())) {
      const st = await stat(join(runsDir(), n));
      out.set(n, `${st.mtimeMs}|${st.ino}|${await readFile(join(runsDir(), n), 'utf8')}`);
    }
    return out;
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'lar-cache-'));
    ids = [];
    for (let i = 0; i < 6; i++) {
      const rec = sampleRecord({
        startedAt: `2025-03-04T05:06:${String(10 + i).padStart(2, '0')}.000Z`,
        result: sampleResult([5 + i, 5.1, 4.9, 5.2]),
        ...(i === 5 ? { log: 'x'.repeat(300_000) } : {}), // a sidecar log
        ...(i === 4 ? { result: sampleResult([5]) } : {}), // one iteration: the sd is NaN (null in JSON)
      });
      ids.push((await store().save(rec)).id);
    }
    await ageRecords();
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('a warm cache gives every head without opening a record file', async () => {
    const cold = await loaded();
    assert.equal(cold.filesRead, 6);
    const gitignore = await readFile(join(root, CACHE_FOLDER, '.gitignore'), 'utf8');
    assert.match(gitignore, /^\*$/m);
    let warm: RecordIndex | undefined;
    const opens = await recordOpens(async () => (warm = await loaded()));
    assert.equal(opens, 0);
    assert.equal(warm!.filesRead, 0);
    assert.deepEqual(warm!.listing(), cold.listing());
    assert.deepEqual(
      warm!.heads().map((h) => h.id),
      ids,
    );
  });

  it('heads lack the iterations and the inline log; a full read has them', async () => {
    await loaded();
    const index = await loaded(); // from the cache
    const head = index.heads()[0]!;
    assert.equal(index.filesRead, 0);
    assert.equal('iterations' in head.result!, false);
    assert.equal(head.result!.iterationCount, 4);
    assert.equal('log' in head, false);
    assert.equal(head.inlineLog, true);
    const full = (await store().readFull(head.id))!;
    assert.equal(full.result!.iterations.length, 4);
    assert.equal(full.log, 'load model: 12.500ms\n');
    assert.deepEqual(headOf(full), head);
    assert.equal(await store().readLog(head), 'load model: 12.500ms\n');
    const sidecar = index.heads()[5]!;
    assert.equal(sidecar.inlineLog, false);
    assert.equal((await store().readLog(sidecar))!.length, 300_000);
  });

  it('a record whose stamp moved is re-read, and only that one', async () => {
    await loaded();
    const s = store();
    await s.update(ids[2]!, { label: 'tuned' });
    const index = await loaded();
    assert.equal(index.filesRead, 1);
    assert.equal(index.heads().find((h) => h.id === ids[2])!.label, 'tuned');
  });

  it('a record just written is re-read even when its stamp matches (racy: same clock tick)', async () => {
    await loaded();
    const fresh = await store().save(sampleRecord({ startedAt: '2025-03-04T06:00:00.000Z' }));
    const first = await loaded();
    assert.equal(first.filesRead, 1);
    const second = await loaded();
    assert.equal(second.filesRead, 1, 'a file modified within RACY_MS of its stat is not trusted');
    assert.equal(second.heads().at(-1)!.id, fresh.id);
  });

  it('a corrupt cache, a cache of another version and a hand-edited cache are rebuilt silently', async () => {
    await loaded();
    const good = await readFile(cacheFile(), 'utf8');
    await writeFile(cacheFile(), good.slice(0, good.length / 2)); // torn
    assert.equal((await loaded()).filesRead, 6);
    assert.equal((await loaded()).filesRead, 0, 'rewritten by the rebuild');

    const [header, body] = [good.slice(0, good.indexOf('\n')), good.slice(good.indexOf('\n') + 1)];
    const key = (JSON.parse(header) as { key: Record<string, unknown> }).key;
    await writeFile(
      cacheFile(),
      good.replace(JSON.stringify(key), JSON.stringify({ ...key, tool: 'x 0.0.1' })),
    );
    assert.equal((await loaded()).filesRead, 6, 'another tool version');

    // A head edited by hand (valid JSON, wrong content): the digest no longer matches.
    const id = ids[3]!;
    // (A different first character: an id already starting with 'f' made this a no-op 1 time in 16.)
    const edited = id.replace(/^./, (c) => (c === 'f' ? 'e' : 'f'));
    await writeFile(cacheFile(), `${header}\n${body.replace(id, edited)}`);
    const index = await loaded();
    assert.equal(index.filesRead, 6);
    assert.deepEqual(
      index.heads().map((h) => h.id),
      ids,
    );
  });

  it('a cache that cannot be written changes nothing but speed', async () => {
    await mkdir(join(root, '.lar-explorer'), { recursive: true });
    await writeFile(join(root, CACHE_FOLDER), 'not a folder'); // mkdir of the cache folder fails
    const a = await loaded();
    const b = await loaded();
    assert.equal(a.filesRead, 6);
    assert.equal(b.filesRead, 6);
    assert.deepEqual(
      b.heads().map((h) => h.id),
      ids,
    );
    assert.equal(await readFile(join(root, CACHE_FOLDER), 'utf8'), 'not a folder');
  });

  it('unreadable files are reported on every load, also from the cache', async () => {
    await writeFile(join(runsDir(), 'broken.json'), '{"schema": 1, "id": "x"');
    await writeFile(join(runsDir(), 'future.json'), JSON.stringify({ schema: 99, id: 'f' }));
    await ageRecords();
    const cold = await loaded();
    const warm = await loaded();
    assert.equal(warm.filesRead, 0);
    assert.deepEqual(warm.listing().problems, cold.listing().problems);
    assert.deepEqual(
      warm.listing().problems.map((p) => p.file),
      ['broken.json', 'future.json'],
    );
    assert.match(warm.listing().problems[1]!.reason, /newer/);
  });

  it('sync notices a record replaced in place (same name, no event)', async () => {
    const index = await loaded();
    const file = index.fileOf(ids[1]!)!;
    const raw = JSON.parse(await readFile(join(runsDir(), file), 'utf8')) as Record<string, unknown>;
    const before = (await stat(join(runsDir(), file))).ino;
    await writeFile(join(runsDir(), file), JSON.stringify({ ...raw, label: 'edited by hand' }));
    assert.equal((await stat(join(runsDir(), file))).ino, before, 'written in place');
    const read = index.filesRead;
    assert.equal(await index.sync(), 1);
    assert.equal(index.filesRead - read, 1);
    assert.equal(index.heads().find((h) => h.id === ids[1])!.label, 'edited by hand');
  });

  it('a file re-read because it is young, and found the same, is not a change (views stay put)', async () => {
    const index = await loaded();
    const fresh = await store().save(sampleRecord({ startedAt: '2025-03-04T06:00:00.000Z' }));
    const file = recordFileName(fresh);
    assert.equal(await index.refresh(file), true, 'a new file is a change');
    const read = index.filesRead;
    assert.equal(await index.refresh(file), false, 'an echo of the same write is not');
    assert.equal(await index.sync(), 0);
    assert.equal(index.filesRead - read, 2, 'both re-read it: written moments ago, its stamp is not trusted');
  });

  it('concurrent writers: a cache replaced by an older view only costs a re-read', async () => {
    const cli = await loaded(); // one process's index
    const ext = await loaded(); // another's
    await store().update(ids[0]!, { label: 'newer' });
    const old = new Date(Date.now() - 60_000);
    await utimes(join(runsDir(), ext.fileOf(ids[0]!)!), old, old); // that file only: others keep their stamps
    await ext.sync(); // sees the new label...
    await ext.persist();
    cli.forget('nothing.json');
    (cli as unknown as { cacheDirty: boolean }).cacheDirty = true;
    await cli.persist(); // ...then the other writes its older view last
    const index = await loaded();
    assert.equal(index.filesRead, 1, 'the stale entry has the old stamp: re-read');
    assert.equal(index.heads()[0]!.label, 'newer');
  });

  it('compare through the heads equals compare over the full listing', async () => {
    await loaded();
    const chosen = [ids[4]!, ids[1]!.slice(0, 8), ids[3]!];
    let resolved: Awaited<ReturnType<RecordStore['resolveMany']>> | undefined;
    const opens = await recordOpens(async () => (resolved = await store().resolveMany(chosen)));
    assert.equal(opens, 3, 'only the compared files are read');
    const { records } = await store().list();
    const byList = [ids[4], ids[1], ids[3]].map((id) => records.find((r) => r.id === id)!);
    assert.deepEqual(resolved!.records, byList);
    assert.deepEqual(compareRecords(resolved!.records), compareRecords(byList));
  });

  it('pin, rename and delete read only the files they change (warm cache)', async () => {
    await loaded();
    const s = store();
    await s.update(ids[0]!, { baseline: true });
    await ageRecords();
    await loaded();
    // Pinning ids[3] unpins ids[0]: ids[3] read to find it, then each of the two located (1) and
    // read back after its write (1) — 5 opens, whatever the size of the folder (was 6 + 3 here).
    const pinOpens = await recordOpens(() => store().pinBaseline(ids[3]!));
    assert.equal(pinOpens, 5);
    const heads = (await store().heads()).heads;
    assert.deepEqual(
      heads.filter((h) => h.baseline).map((h) => h.id),
      [ids[3]],
    );
    const delOpens = await recordOpens(() => store().delete(ids[2]!));
    assert.equal(delOpens, 1);
  });

  it('never writes a record file: only the cache folder changes', async () => {
    const before = await recordBytes();
    await loaded();
    const s = store();
    await s.heads();
    await s.resolveMany([ids[0]!, ids[1]!]);
    await (await loaded()).sync();
    assert.deepEqual(await recordBytes(), before);
    assert.deepEqual((await readdir(join(root, '.lar-explorer'))).sort(), ['cache', 'runs']);
  });

  it('a store without a cache lists as before (tests and odd folders)', async () => {
    const plain = new RecordStore(runsDir());
    const { heads } = await plain.heads();
    assert.equal(heads.length, 6);
    assert.equal(await new RunsCache(cacheFile()).read().then((m) => m.size), 0);
    assert.equal(recordFileName(heads[0]!), (await readdir(runsDir())).sort()[0]);
  });
});

// History benchmarks (not tests): the figures issue #15 asks for "history that scales".
//   1. Models-view data ready over 10,000 records: a full RecordStore.list (every file read, what
//      RunHistory.load did before the index) vs RecordIndex.load cold (no summary cache: the first
//      ever load) and warm (cache present: one stat per file) — goal < 1 s. Also: stat of every
//      file, synchronous slices vs the thread pool, and the cache's size on disk.
//   2. One new record appearing: a full reload (today) vs RecordIndex.refresh of that one file;
//      prints files read — goal < 100 ms and no full reload.
//   3. Event-loop delay (plain Node, monitorEventLoopDelay) while the index loads a 500-run study.
//   4. `node dist/cli.js list` wall time, cold (no cache) and warm — goal < 0.5 s.
//   5. `node dist/cli.js compare` of 12 runs with one 40 MB record stored, cold and warm — goal
//      < 1 s, < 200 MB RSS.
// Records are schema-1 files by default (iterations as objects: what earlier versions saved, still
// read as they are, and the worst case for reading), or with --schema 2 what the store saves today
// (columns; the 300,000-iteration record's iterations in a table beside it); several models, one
// 500-run study. Usage: node bench/history.mjs [--records N] [--schema 1|2] [--keep]  (after
// `npm run build`; --keep leaves the generated workspace for profiling)
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { recordMaker } from './recordSet.mjs';
import { loadSource, rerunUnderTsx } from './sources.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const argValue = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = argValue('--records', 10000);
const SCHEMA = argValue('--schema', 1);

rerunUnderTsx();

const { RecordStore } = await loadSource('../src/core/records/recordStore.ts', import.meta.url);
const { RecordIndex, statFiles, statFilesAsync } = await loadSource(
  '../src/core/records/recordIndex.ts',
  import.meta.url,
);
const { RunsCache, RACY_MS } = await loadSource('../src/core/records/runsCache.ts', import.meta.url);
const { recordFileName } = await loadSource('../src/core/records/recordNames.ts', import.meta.url);
const { recordToJson } = await loadSource('../src/core/records/canonicalJson.ts', import.meta.url);
const { encodeRecord } = await loadSource('../src/core/records/recordEncoding.ts', import.meta.url);
const { sampleResult } = await loadSource('../test/unit/records/sampleRecord.ts', import.meta.url);
const { distinguishRuns } = await loadSource('../src/core/records/runDistinctions.ts', import.meta.url);
const { summarizeRun } = await loadSource('../src/core/records/runSummary.ts', import.meta.url);

// The generator bench:host uses too (bench/recordSet.mjs), writing schema-1 files here (iterations
// as objects, still read as they are): the worst case for reading.
const makeSchema2 = recordMaker(7);
const makeRecord = (i, over = {}) => makeSchema2(i, SCHEMA === 1 ? { schema: 1, ...over } : over);
/** A record file's text as this run writes them (schema 1, or schema 2 as the store encodes it). */
const fileText = (rec) => recordToJson(SCHEMA === 1 ? rec : encodeRecord(rec));
let seed = 11;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const iters = (n, base) => Array.from({ length: n }, () => base * (0.95 + 0.1 * rnd()));

const dir = await mkdtemp(path.join(os.tmpdir(), 'lar-bench-history-'));
const ws = path.join(dir, 'ws');
const runs = path.join(ws, '.lar-explorer', 'runs');
await mkdir(runs, { recursive: true });
const study = randomUUID();
const ids = [];
const tGen = performance.now();
for (let i = 0; i < N; i += 200) {
  await Promise.all(
    Array.from({ length: Math.min(200, N - i) }, (_, k) => {
      const j = i + k;
      const over =
        j < 500
          ? { study: { id: study, round: 1 + (j % 20), candidate: `c${j % 8}`, role: 'candidate' } }
          : {};
      const rec = makeRecord(j, over);
      ids.push(rec.id);
      return writeFile(path.join(runs, recordFileName(rec)), fileText(rec));
    }),
  );
}
// One 300,000-iteration record: 44 MB of objects in schema 1; in schema 2 a small record and a 6.7 MB table.
const huge = makeRecord(N + 1, { result: sampleResult(iters(300_000, 5)) });
if (SCHEMA === 1) await writeFile(path.join(runs, recordFileName(huge)), recordToJson(huge));
else await new RecordStore(runs).save(huge); // the record, and its iterations in a table beside it
console.log(
  `generated ${N} schema-${SCHEMA} records + one 300,000-iteration record in ${((performance.now() - tGen) / 1000).toFixed(1)} s (${runs})`,
);

// Files younger than RACY_MS are not trusted from the cache: let the newest ones age first.
await new Promise((r) => setTimeout(r, RACY_MS + 200));
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const cache = RunsCache.forWorkspace(ws);
const store = new RecordStore(runs);

function treeData(records) {
  // What the Models view builds from the runs: per model, the rows and the sibling distinctions.
  const byModel = new Map();
  for (const r of records) byModel.set(r.model.path, [...(byModel.get(r.model.path) ?? []), r]);
  let items = 0;
  for (const rs of byModel.values()) {
    const d = distinguishRuns(rs);
    for (const r of rs) items += summarizeRun(r) && d.get(r.id) ? 1 : 0;
  }
  return items;
}

// 1. Models view data ready.
let t = performance.now();
const full = await store.list();
treeData(full.records);
const fullMs = performance.now() - t;
t = performance.now();
const coldIndex = new RecordIndex(store, { cache });
await coldIndex.load();
treeData(coldIndex.heads());
const coldMs = performance.now() - t;
t = performance.now();
const index = new RecordIndex(store, { cache });
await index.load();
treeData(index.heads());
const indexMs = performance.now() - t;
console.log(
  `\n1. Models-view data ready (${full.records.length} records): before store.list ${fullMs.toFixed(0)} ms; RecordIndex.load cold (no cache) ${coldMs.toFixed(0)} ms, ${coldIndex.filesRead} files read; warm (cache) ${indexMs.toFixed(0)} ms, ${index.filesRead} files read (ratio before/warm ${(fullMs / indexMs).toFixed(1)}×) — goal < 1000 ms: ${verdict(indexMs < 1000)}`,
);
t = performance.now();
treeData(index.heads());
const treeMs = performance.now() - t;
t = performance.now();
await new RecordIndex(store, { cache }).load();
const warmLoadMs = performance.now() - t;
console.log(
  `   of which: the tree's data from the heads (rows + sibling distinctions) ${treeMs.toFixed(0)} ms; a warm RecordIndex.load alone ${warmLoadMs.toFixed(0)} ms`,
);
const names = (await readdir(runs)).filter((n) => n.endsWith('.json'));
t = performance.now();
await statFiles(runs, names);
const syncStatMs = performance.now() - t;
t = performance.now();
await statFilesAsync(runs, names);
const asyncStatMs = performance.now() - t;
console.log(
  `   stat of ${names.length} files: synchronous slices ${syncStatMs.toFixed(0)} ms, thread pool (64 at a time) ${asyncStatMs.toFixed(0)} ms (ratio ${(asyncStatMs / syncStatMs).toFixed(1)}×); summary cache on disk ${((await stat(cache.file)).size / 1e6).toFixed(1)} MB`,
);

// 2. One new record.
const fresh = makeRecord(N + 2);
await writeFile(path.join(runs, recordFileName(fresh)), fileText(fresh));
// The refresh first: measured after the full reload it paid for that reload's garbage collection.
const before = index.filesRead;
t = performance.now();
await index.refresh(recordFileName(fresh));
index.heads();
const refreshMs = performance.now() - t;
t = performance.now();
await store.list();
const reloadMs = performance.now() - t;
console.log(
  `2. one new record: before (full reload) ${reloadMs.toFixed(0)} ms, ${N + 2} files read; after (index.refresh) ${refreshMs.toFixed(1)} ms, ${index.filesRead - before} file read — goal < 100 ms, no full reload: ${verdict(refreshMs < 100 && index.filesRead - before === 1)} (ratio ${(reloadMs / refreshMs).toFixed(0)}×)`,
);

// 3. Event-loop delay while a 500-run study's folder loads.
const studyDir = path.join(dir, 'study-runs');
await mkdir(studyDir);
for (let j = 0; j < 500; j++) {
  const rec = makeRecord(j, {
    study: { id: study, round: 1 + (j % 20), candidate: `c${j % 8}`, role: 'candidate' },
  });
  await writeFile(path.join(studyDir, recordFileName(rec)), fileText(rec));
}
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
t = performance.now();
await new RecordIndex(new RecordStore(studyDir)).load();
const studyMs = performance.now() - t;
h.disable();
// A load shorter than the histogram's resolution leaves it empty: say so rather than "max 0 ms".
console.log(
  h.count === 0
    ? `3. 500 study runs loaded in ${studyMs.toFixed(0)} ms: shorter than the event-loop delay histogram's 5 ms resolution (no stall to measure)`
    : `3. event-loop delay while 500 study runs load in ${studyMs.toFixed(0)} ms (plain Node, not the extension host): max ${(h.max / 1e6).toFixed(0)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms`,
);

// 4/5. The CLI.
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.log('4/5. dist/cli.js missing: run `node scripts/build.mjs` first');
} else {
  const timeCmd = (args) => {
    const s = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args, '--workspace', ws], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const ms = performance.now() - s;
    const kb = Number(r.stderr.trim().split('\n').at(-1));
    return { ms, mb: kb / 1024, status: r.status };
  };
  // The new record of step 2 is too young for the cache: age it like the rest.
  await new Promise((r) => setTimeout(r, RACY_MS + 200));
  const dropCache = () => rm(cache.file, { force: true });
  await dropCache();
  const lc = timeCmd(['list']);
  const l = timeCmd(['list']);
  console.log(
    `4. lar-explorer list over ${N + 2} records: cold (no cache) ${lc.ms.toFixed(0)} ms; warm ${l.ms.toFixed(0)} ms (exit ${l.status}; ratio ${(lc.ms / l.ms).toFixed(1)}×) — goal < 500 ms: ${verdict(l.ms < 500)}`,
  );
  const compareArgs = ['compare', ...ids.slice(600, 612).map((id) => id.slice(0, 12))];
  await dropCache();
  const cc = timeCmd(compareArgs);
  const c = timeCmd(compareArgs);
  console.log(
    `5. lar-explorer compare of 12 runs (40 MB record stored): cold (no cache) ${cc.ms.toFixed(0)} ms, peak RSS ${cc.mb.toFixed(0)} MB; warm ${c.ms.toFixed(0)} ms, peak RSS ${c.mb.toFixed(0)} MB (exit ${c.status}) — goal < 1000 ms and < 200 MB: ${verdict(c.ms < 1000 && c.mb < 200)}`,
  );
}
if (process.argv.includes('--keep')) console.log(`kept ${ws} (--keep)`);
else await rm(dir, { recursive: true, force: true });

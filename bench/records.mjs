// Record size and read-time benchmarks (not tests): issue #15 "compact iterations".
// For runs of 100 / 10,000 / 300,000 iterations (values shaped like the real logs: e2e and host
// times with 3 decimals, one test case), side by side:
//   - schema 1: every iteration a JSON object (what records were before);
//   - schema 2 inline: the iterations in columns inside the record;
//   - schema 2 as saved: inline up to INLINE_ITERATIONS_LIMIT, past it a CSV table beside the record.
// Prints bytes on disk (record + table) and the read time of one record through the store
// (read file + JSON.parse + check + expand, + the table when there is one), median of several reads
// in this process. Goal (issue #15): the JSON small and diffable — printed as the size ratio.
// Usage: npm run bench:records   (or node bench/records.mjs [--reps N])
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSource, rerunUnderTsx } from './sources.mjs';

const argValue = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const REPS = argValue('--reps', 7);

rerunUnderTsx();

const { RecordStore, INLINE_ITERATIONS_LIMIT } = await loadSource(
  '../src/core/records/recordStore.ts',
  import.meta.url,
);
const { recordFileName } = await loadSource('../src/core/records/recordNames.ts', import.meta.url);
const { recordToJson } = await loadSource('../src/core/records/canonicalJson.ts', import.meta.url);
const { encodeRecord } = await loadSource('../src/core/records/recordEncoding.ts', import.meta.url);
const { sampleRecord, sampleResult } = await loadSource(
  '../test/unit/records/sampleRecord.ts',
  import.meta.url,
);

let seed = 15;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const round3 = (x) => Math.round(x * 1000) / 1000;

function run(n) {
  const result = sampleResult([10.5, 10.7]);
  result.iterations = Array.from({ length: n }, (_, index) => ({
    testcase: 0,
    index,
    e2eMs: round3(10 + rnd()),
    hostMs: round3(0.03 + 0.1 * rnd()),
    deviceMs: null,
  }));
  return sampleRecord({ result, flags: { iter: n, cpu: true } });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} KB`);

async function folderBytes(dir) {
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(path.join(dir, f))).size;
  return total;
}

async function readMs(dir, reps) {
  const store = new RecordStore(dir);
  const [file] = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const got = await store.readRecordFile(file);
    times.push(performance.now() - t);
    if (!('record' in got) || got.problem) throw new Error(`bench record unreadable: ${JSON.stringify(got)}`);
  }
  return median(times);
}

const root = await mkdtemp(path.join(os.tmpdir(), 'lar-bench-records-'));
console.log(`record size and read time, schema 1 vs 2 (table past ${INLINE_ITERATIONS_LIMIT} iterations)`);
console.log(
  'iterations | schema 1 (objects)   | schema 2 inline      | schema 2 as saved              | size 1:2 | read 1:2',
);
try {
  for (const n of [100, 10_000, 300_000]) {
    const rec = run(n);
    const reps = n >= 300_000 ? Math.min(REPS, 3) : REPS;
    const v1 = path.join(root, `v1-${n}`);
    const v2i = path.join(root, `v2i-${n}`);
    const v2 = path.join(root, `v2-${n}`);
    for (const d of [v1, v2i, v2]) await mkdir(d);
    await writeFile(path.join(v1, recordFileName(rec)), recordToJson({ ...rec, schema: 1 }));
    await writeFile(path.join(v2i, recordFileName(rec)), recordToJson(encodeRecord(rec)));
    await new RecordStore(v2).save(rec);
    const sizes = [await folderBytes(v1), await folderBytes(v2i), await folderBytes(v2)];
    const recordOnly = (await stat(path.join(v2, recordFileName(rec)))).size;
    const times = [await readMs(v1, reps), await readMs(v2i, reps), await readMs(v2, reps)];
    const saved =
      sizes[2] === recordOnly
        ? `${kb(sizes[2])} inline`
        : `${kb(recordOnly)} + ${kb(sizes[2] - recordOnly)} csv`;
    const cell = (i) => `${kb(sizes[i]).padStart(8)} ${times[i].toFixed(1).padStart(7)} ms`;
    console.log(
      `${String(n).padStart(10)} | ${cell(0)}   | ${cell(1)}   | ${saved.padEnd(19)} ${times[2].toFixed(1).padStart(7)} ms | ${(sizes[0] / sizes[2]).toFixed(1).padStart(6)}x | ${(times[0] / times[2]).toFixed(1).padStart(6)}x`,
    );
  }
  console.log(
    '\n(size 1:2 and read 1:2: schema 1 over schema 2 as saved; the record JSON alone past the limit is the head only)',
  );
} finally {
  await rm(root, { recursive: true, force: true });
}

// Parse benchmark: a ~100 MB current-format load_and_run log (lines as the real tool prints them,
// many test cases and iterations) fed to LarOutputParser in 64 KiB chunks, as a runner delivers
// them. Prints throughput, peak RSS and heap, and checks the parser found every generated
// iteration. Then, if dist/cli.js exists, the CLI's start-up time (`--help`, median of 10).
// Self-contained: bundles the parser from src/ with esbuild into a temp dir, so it does not depend
// on the build's output layout.
//
//   node bench/parse.mjs [sizeMB]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targetBytes = Number(process.argv[2] ?? 100) * 1024 * 1024;
const CHUNK = 64 * 1024;
const ITERS_PER_TESTCASE = 1000;

async function loadParser() {
  const dir = mkdtempSync(join(tmpdir(), 'lar-bench-'));
  const outfile = join(dir, 'parser.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'src/core/engines/lar/outputParser.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  const mod = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return mod.LarOutputParser;
}

/** Deterministic pseudo-random times around 10 ms, %.3f like the tool. */
function* lines() {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const h = (line) => `[24 03:00:10 @:${line}] `;
  yield '[24 03:00:10 @:138] megbrain/lite/load_and_run:\nusing MegBrain 1.9999.0(0) and MegDNN 9.3.0\n\n';
  yield `${h(10)}creat mdl model use XPU as default comp node\n${h(89)}enable weight-preprocess optimization\n`;
  yield `${h(51)}load model: 13.402ms\n\n`;
  for (let tc = 0; ; tc++) {
    yield `${h(116)}run testcase: ${tc} \n`;
    if (tc === 0) yield `${h(67)}=== prepare: 0.683ms; going to warmup\n${h(70)}warm up 0  7.523ms\n`;
    let sum = 0;
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < ITERS_PER_TESTCASE; i++) {
      const e2e = Number((9.5 + rand() * 1.5).toFixed(3));
      const host = (0.03 + rand() * 0.05).toFixed(3);
      sum += e2e;
      lo = Math.min(lo, e2e);
      hi = Math.max(hi, e2e);
      yield `${h(88)}iter ${i}/${ITERS_PER_TESTCASE}: e2e=${e2e.toFixed(3)} ms (host=${host} ms)\n`;
      if (i % 250 === 249) {
        yield `${h(258).trimEnd()}[WARN] Non-const var shape detected. Make sure all shapes are constant. Check whether 'const_var_shape' is set in GraphLoadConfig under record mode\n`;
      }
    }
    const avg = sum / ITERS_PER_TESTCASE;
    yield `${h(97)}=== finished test #${tc}: time=${sum.toFixed(3)} ms avg_time=${avg.toFixed(3)} ms standard_deviation=0.400 ms min=${lo.toFixed(3)} ms max=${hi.toFixed(3)} ms\n`;
    yield { endOfTestcase: tc + 1 };
  }
}

/** The log as 64 KiB string chunks; returns them with the counts a correct parser must find. */
function generate() {
  const chunks = [];
  let buf = '';
  let bytes = 0;
  let testcases = 0;
  for (const piece of lines()) {
    if (typeof piece === 'object') {
      testcases = piece.endOfTestcase;
      if (bytes + buf.length >= targetBytes) break;
      continue;
    }
    buf += piece;
    while (buf.length >= CHUNK) {
      chunks.push(buf.slice(0, CHUNK));
      buf = buf.slice(CHUNK);
      bytes += CHUNK;
    }
  }
  buf += '[24 03:00:10 @:129] === total time: 1.000ms\n';
  chunks.push(buf);
  bytes += buf.length;
  return { chunks, bytes, testcases, iterations: testcases * ITERS_PER_TESTCASE };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const mb = (n) => (n / 1024 / 1024).toFixed(1);

const LarOutputParser = await loadParser();
const t0 = performance.now();
const log = generate();
console.log(
  `generated ${mb(log.bytes)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
    `${log.testcases} test cases, ${log.iterations} iterations, ${log.chunks.length} chunks of 64 KiB`,
);

const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

const parser = new LarOutputParser();
let live = 0;
parser.onIteration = () => live++;
const start = performance.now();
for (let i = 0; i < log.chunks.length; i++) {
  parser.push(log.chunks[i], 'stderr');
  if (i % 64 === 0) sample();
}
parser.end();
const parsed = performance.now();
const result = parser.result();
const done = performance.now();
sample();

const seconds = (parsed - start) / 1000;
console.log(`parse: ${seconds.toFixed(2)} s, ${(log.bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s`);
console.log(
  `result(): ${(done - parsed).toFixed(0)} ms (summary over ${result.iterations.length} iterations)`,
);
console.log(
  `memory: rss ${mb(before.rss)} -> peak ${mb(peakRss)} MB, heap ${mb(before.heapUsed)} -> peak ${mb(peakHeap)} MB ` +
    `(input held by the benchmark: ${mb(log.bytes)} MB; the contract keeps every iteration)`,
);
console.log(`messages kept: ${result.messages.length} (cap 1000 + a count)`);

let ok = true;
const check = (cond, what) => {
  if (!cond) {
    ok = false;
    console.error(`FAIL: ${what}`);
  }
};
check(
  result.iterations.length === log.iterations,
  `iterations ${result.iterations.length} !== generated ${log.iterations}`,
);
check(live === log.iterations, `onIteration fired ${live} times, expected ${log.iterations}`);
check(
  result.testcases.length === log.testcases,
  `test cases ${result.testcases.length} !== ${log.testcases}`,
);
check(result.complete === true, 'run not complete');
check(
  result.messages.filter((m) => m.text.startsWith('test case #')).length === 0,
  'avg_time disagreement notes',
);
console.log(
  `iterations parsed: ${result.iterations.length} (generated ${log.iterations}) ${ok ? 'OK' : 'MISMATCH'}`,
);

const cli = join(root, 'dist', 'cli.js');
if (existsSync(cli)) {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, '--help'], { stdio: 'ignore' });
    times.push(performance.now() - t);
    if (r.error) console.error(`cli: ${r.error.message}`);
  }
  console.log(`cli start-up (node dist/cli.js --help): median ${median(times).toFixed(0)} ms of 10`);
} else {
  console.log('cli start-up: skipped (dist/cli.js not built; run `node scripts/build.mjs` first)');
}
process.exitCode = ok ? 0 : 1;

// Benchmark of the ONNX Runtime engine itself (not a test): does our runner report what a bare
// script timing `session.run` would see, and what does a runner process cost beyond the phases
// it measures?
//
//   node bench/engine.mjs [--repeats 8] [--iter 50] [--warmup 5] [--level all] [--threads 1] [--runner dist/ort-runner.js]
//
// For the sample model (samples/onnx/small_cnn.onnx), each repeat starts two fresh Node processes
// in alternating order (ABBA, so drift and thermal trends hit both sides equally):
//   A. our runner program (dist/ort-runner.js when built, else the TypeScript source via tsx),
//      its output read by the real OrtOutputParser → parsed `phases.inference.meanMs`;
//   B. a bare script: require onnxruntime-node, create the same session, same warm-up, then
//      `process.hrtime.bigint()` around `await session.run(feeds)`: nothing else.
// It prints per-repeat means, the overall difference (goal: within 2%), and the runner process's
// overhead: wall time seen by this parent minus the phases the runner reports (session creation,
// warm-up, timed runs), split into Node start-up, loading onnxruntime-node and the rest.
// One intra-op thread by default: on a shared machine, thread-pool spinning is the largest noise.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const repeats = Number(opt('repeats', 8));
const iter = Number(opt('iter', 50));
const warmup = Number(opt('warmup', 5));
const level = opt('level', 'all');
const threads = Number(opt('threads', 1));
const model = join(root, 'samples', 'onnx', 'small_cnn.onnx');

const { OrtOutputParser } = await tsImport('../src/core/engines/onnx/outputParser.ts', import.meta.url);

// The bundle when built (what users run), else the source via tsx (slower start-up, same timings).
const dist = resolve(opt('runner', join(root, 'dist', 'ort-runner.js')));
const runnerArgs = existsSync(dist)
  ? [dist]
  : ['--import', 'tsx', join(root, 'src', 'core', 'engines', 'onnx', 'ortRunnerProgram.ts')];
const runnerLabel = existsSync(dist)
  ? dist
  : 'src via tsx (run `node scripts/build.mjs` to bench the bundle)';

// The bare script: the least code that can time session.run the same way.
const BARE = `
const ort = require('onnxruntime-node');
const [model, level, threads, warmup, iter] = process.argv.slice(1);
(async () => {
  const opts = { executionProviders: ['cpu'], graphOptimizationLevel: level };
  if (Number(threads) > 0) opts.intraOpNumThreads = Number(threads);
  const s = await ort.InferenceSession.create(model, opts);
  // The runner's default input, exactly: mulberry32 with seed 0, one draw per element.
  let a = 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const data = Float32Array.from({ length: 3 * 64 * 64 }, rand);
  const feeds = { data: new ort.Tensor('float32', data, [1, 3, 64, 64]) };
  for (let i = 0; i < Number(warmup); i++) await s.run(feeds);
  const times = [];
  for (let i = 0; i < Number(iter); i++) {
    const t = process.hrtime.bigint();
    await s.run(feeds);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  process.stdout.write(JSON.stringify({ times }) + '\\n');
})();
`;

function spawnTimed(args) {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) fail(new Error(`exit ${code}: ${err || out}`));
      else done({ out, err, wallMs });
    });
  });
}

async function runRunner() {
  const flags = [
    '--graph-optimization-level',
    level,
    '--iter',
    String(iter),
    '--warmup-iter',
    String(warmup),
  ];
  if (threads > 0) flags.push('--intra-op-threads', String(threads));
  const { out, err, wallMs } = await spawnTimed([...runnerArgs, model, ...flags]);
  const p = new OrtOutputParser();
  p.push(out, 'stdout');
  p.push(err, 'stderr');
  p.end();
  const r = p.result();
  if (!r.complete) throw new Error('runner output incomplete:\n' + out + err);
  const start = JSON.parse(out.split('\n').find((l) => l.includes('"event":"start"')));
  const done = JSON.parse(out.split('\n').find((l) => l.includes('"event":"done"')));
  const phases =
    r.phases.loadMs +
    r.phases.warmupMs.reduce((a, b) => a + b, 0) +
    r.iterations.reduce((a, i) => a + i.e2eMs, 0);
  return {
    meanMs: r.phases.inference.meanMs,
    medianMs: r.phases.inference.medianMs,
    wallMs,
    phasesMs: phases,
    overheadMs: wallMs - phases,
    nodeStartMs: done.uptimeMs - done.totalMs, // before the runner's first line: Node boot + module load
    importMs: start.importMs,
    spawnExitMs: wallMs - done.uptimeMs, // spawn latency + exit + pipe close, seen from the parent
  };
}

async function runBare() {
  const { out, wallMs } = await spawnTimed([
    '-e',
    BARE,
    model,
    level,
    String(threads),
    String(warmup),
    String(iter),
  ]);
  const { times } = JSON.parse(out.trim());
  return { meanMs: times.reduce((a, b) => a + b, 0) / times.length, medianMs: median(times), wallMs };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x, d = 3) => x.toFixed(d);

console.log(`engine bench: ${model}`);
console.log(
  `runner: ${runnerLabel}; level ${level}, intra-op threads ${threads || 'default'}, ${warmup} warm-up + ${iter} timed runs, ${repeats} repeats (ABBA)`,
);
console.log(
  `node ${process.version}, ${process.platform}-${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}\n`,
);
console.log('repeat  runner mean ms  bare mean ms  diff %   runner wall ms  overhead ms');

const runner = [];
const bare = [];
for (let k = 0; k < repeats; k++) {
  let a;
  let b;
  if (k % 2 === 0) {
    a = await runRunner();
    b = await runBare();
  } else {
    b = await runBare();
    a = await runRunner();
  }
  runner.push(a);
  bare.push(b);
  const diff = ((a.meanMs - b.meanMs) / b.meanMs) * 100;
  console.log(
    `${String(k).padStart(6)}  ${f(a.meanMs).padStart(14)}  ${f(b.meanMs).padStart(12)}  ${f(diff, 2).padStart(6)}  ${f(a.wallMs, 1).padStart(15)}  ${f(a.overheadMs, 1).padStart(11)}`,
  );
}

const rMean = mean(runner.map((r) => r.meanMs));
const bMean = mean(bare.map((r) => r.meanMs));
const ratios = runner.map((r, i) => r.meanMs / bare[i].meanMs);
console.log('');
console.log(`mean inference, runner (parsed): ${f(rMean)} ms`);
console.log(`mean inference, bare script:     ${f(bMean)} ms`);
console.log(
  `difference: ${f(((rMean - bMean) / bMean) * 100, 2)}% (median of per-repeat ratios ${f((median(ratios) - 1) * 100, 2)}%; goal within ±2%)`,
);
const rMed = median(runner.map((r) => r.medianMs));
const bMed = median(bare.map((r) => r.medianMs));
console.log(
  `median inference (median over repeats): runner ${f(rMed)} ms, bare ${f(bMed)} ms, difference ${f(((rMed - bMed) / bMed) * 100, 2)}%`,
);
console.log('');
console.log('runner process overhead per run (wall time minus measured phases), mean over repeats:');
console.log(
  `  total overhead          ${f(mean(runner.map((r) => r.overheadMs)), 1)} ms  (wall ${f(mean(runner.map((r) => r.wallMs)), 1)} ms, phases ${f(mean(runner.map((r) => r.phasesMs)), 1)} ms)`,
);
console.log(`  Node start-up           ${f(mean(runner.map((r) => r.nodeStartMs)), 1)} ms`);
console.log(`  load onnxruntime-node   ${f(mean(runner.map((r) => r.importMs)), 1)} ms`);
console.log(`  spawn + exit (parent)   ${f(mean(runner.map((r) => r.spawnExitMs)), 1)} ms`);
console.log(`bare script wall time: ${f(mean(bare.map((r) => r.wallMs)), 1)} ms`);
console.log(
  `load average at the end: ${loadavg()[0].toFixed(2)} (other processes on the CPUs widen every difference above)`,
);

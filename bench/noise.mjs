// How many timed iterations does a run need before its mean stops moving from run to run? (Not a
// test: it prints figures, for choosing the engines' default iteration counts.)
//
//   node bench/noise.mjs [--runs 6] [--iters 10,30,100,300] [--warmup 5] [--model samples/onnx/small_cnn.onnx]
//                        [--flags "--intra-op-threads 1"]   (more engine flags, the same for every run)
//
// The run is the unit of evidence: iterations of one run share the process, its caches and the
// machine's load at that moment, so their sd understates how far the next run's mean will land.
// For each iteration count N this starts `--runs` fresh runs of the CLI (the embedded ONNX Runtime,
// its defaults otherwise), interleaved round by round so drift hits every N alike, and prints the
// spread of the run means (between-run CV, min–max) next to the median within-run CV. The default
// N is the smallest whose between-run CV is near its floor: more iterations past it buy time, not
// certainty.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(opt('runs', 6));
const iters = opt('iters', '10,30,100,300').split(',').map(Number);
const warmup = Number(opt('warmup', 5));
const model = resolve(opt('model', join(root, 'samples', 'onnx', 'small_cnn.onnx')));
const cli = join(root, 'dist', 'cli.js');
const extra = opt('flags', '').split(/\s+/).filter(Boolean);

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(
  `model ${model}\n${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' ',
    )}; ${runs} runs per N, warm-up ${warmup}${extra.length ? `, ${extra.join(' ')}` : ''}, rounds interleaved\n`,
);
const byN = new Map(iters.map((n) => [n, { means: [], cvs: [], secs: [] }]));
for (let round = 0; round < runs; round++) {
  for (const n of round % 2 ? [...iters].reverse() : iters) {
    const t0 = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        cli,
        'run',
        model,
        '--json',
        '--progress',
        'none',
        '--',
        '--iter',
        String(n),
        '--warmup-iter',
        String(warmup),
        ...extra,
      ],
      { encoding: 'utf8', cwd: root },
    );
    if (r.status !== 0) throw new Error(`run failed (N=${n}): ${r.stderr}`);
    const inf = JSON.parse(r.stdout).result.phases.inference;
    const slot = byN.get(n);
    slot.means.push(inf.meanMs);
    slot.cvs.push(inf.sdMs / inf.meanMs);
    slot.secs.push((Date.now() - t0) / 1000);
  }
  process.stderr.write(`round ${round + 1}/${runs} done\n`);
}

console.log('   N  mean of means  between-run CV  run means min–max    within-run CV (median)  s per run');
for (const n of iters) {
  const { means, cvs, secs } = byN.get(n);
  console.log(
    `${String(n).padStart(4)}  ${mean(means).toFixed(3).padStart(10)} ms  ${(100 * (sd(means) / mean(means))).toFixed(1).padStart(12)} %` +
      `  ${Math.min(...means).toFixed(3)}–${Math.max(...means).toFixed(3)} ms` +
      `  ${(100 * median(cvs)).toFixed(1).padStart(14)} %  ${mean(secs).toFixed(1).padStart(14)}`,
  );
}

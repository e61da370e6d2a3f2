// Study benchmarks (not tests): the figures issue #10 asks for.
//   1. Per-run overhead inside a study: a study of real stand-in processes through LocalRunner
//      (runBenchmark, parser, record store) vs the same stand-in spawned bare; goal <= 20 ms/run.
//   2. False positives: >= 100 seeded simulated studies with drift (+10%/min) and steps, two A/A
//      candidates each; share called faster/slower; goal <= 5%.
//   3. Power: a true 5% effect under the same noise, default budget; share found; goal >= 80%.
//   4. Racing vs full rounds on the guide-like x86 set: same best (or within noise), time ratio; goal <= 40%.
// Simulated studies use an in-process runner on a virtual clock; the statistics, scheduler,
// runBenchmark and the output parser are the real ones.
// Usage: node bench/study.mjs [--studies N] [--overhead-runs N]
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const STANDIN = path.join(root, 'test/fixtures/standin-load-and-run/load_and_run');

const argValue = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const STUDIES = argValue('--studies', 120);
const OVERHEAD_RUNS = argValue('--overhead-runs', 24);

const { simStudy, c } = await tsImport('../test/support/studyHarness.ts', import.meta.url);
const { runStudy } = await tsImport('../src/core/study/runStudy.ts', import.meta.url);
const { StudyStore } = await tsImport('../src/core/study/studyStore.ts', import.meta.url);
const { RecordStore } = await tsImport('../src/core/records/recordStore.ts', import.meta.url);
const { LocalRunner } = await tsImport('../src/core/runners/localRunner.ts', import.meta.url);
const { larEngine } = await tsImport('../src/core/engines/lar/index.ts', import.meta.url);
const { benchmarkExecutor } = await tsImport('../src/core/study/studyRunAdapter.ts', import.meta.url);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (k, n) => `${((100 * k) / n).toFixed(1)}% (${k}/${n})`;
const NOISY = { STANDIN_NOISE: '0.03', STANDIN_DRIFT: '0.10:60', STANDIN_STEPS: '20:0.08,45:-0.06' };

// ---- 1. per-run overhead -------------------------------------------------------------------------
async function overhead() {
  const ws = await mkdtemp(path.join(os.tmpdir(), 'lar-bench-study-'));
  const model = path.join(ws, 'model.mge');
  await writeFile(model, 'stand-in model');
  const env = { STANDIN_ITER_MS: '1', STANDIN_PROFILE: 'x86' };
  const direct = () =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      const child = spawn(STANDIN, [model, '--cpu', '--iter', '10', '--warmup-iter', '1'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.resume();
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', () => resolve(performance.now() - t));
    });
  for (const collectFacts of [false, true]) {
    const inStudy = [];
    const bare = [];
    const execOnly = [];
    let started = 0;
    const rounds = Math.max(1, Math.round(OVERHEAD_RUNS / 3));
    const deps = {
      engine: larEngine,
      targets: { local: { runner: new LocalRunner(), program: STANDIN, env } },
      workspaceRoot: ws,
      runStore: RecordStore.forWorkspace(ws),
      studyStore: StudyStore.forWorkspace(ws),
      collectFacts,
      // The cool-down between study runs is where the bare spawn goes: the two alternate.
      sleep: async () => {
        bare.push(await direct());
      },
      onEvent: (e) => {
        if (e.type === 'run-started') started = performance.now();
        if (e.type === 'run-finished') inStudy.push(performance.now() - started);
      },
    };
    const def = {
      model: 'model.mge',
      engine: 'load_and_run',
      targets: [{ name: 'local' }],
      candidates: [c('defaults'), c('wp', { 'weight-preprocess': true })],
      baseline: 'defaults',
      objective: { kind: 'mean' },
      budget: { maxRounds: rounds },
      iterations: 10,
      warmups: 1,
      seed: 1,
      cooldownMs: 1,
      commonFlags: { cpu: true },
      racing: false,
    };
    const exec = benchmarkExecutor(deps);
    deps.execute = async (req, signal) => {
      const t = performance.now();
      const r = await exec(req, signal);
      execOnly.push(performance.now() - t);
      return r;
    };
    const t0 = performance.now();
    await runStudy(def, deps);
    const studyWall = performance.now() - t0 - bare.reduce((a, b) => a + b, 0);
    const perRun = median(inStudy) - median(bare);
    console.log(
      `1. per-run overhead in a study (device facts ${collectFacts ? 'on (first run and end of each target)' : 'off'}): ` +
        `${perRun.toFixed(1)} ms/run over the bare tool (median study run ${median(inStudy).toFixed(1)} ms ` +
        `vs bare ${median(bare).toFixed(1)} ms; of which runBenchmark+LocalRunner ` +
        `${(median(execOnly) - median(bare)).toFixed(1)} ms, record writes (run + study, fsynced) ` +
        `${(median(inStudy) - median(execOnly)).toFixed(1)} ms; ${inStudy.length} runs; whole study ` +
        `${(studyWall / inStudy.length).toFixed(1)} ms/run)  [goal <= 20 ms]`,
    );
  }
  await rm(ws, { recursive: true, force: true });
}

// ---- 2.–3. false positives and power -------------------------------------------------------------
async function falsePositives() {
  let called = 0;
  let total = 0;
  const rounds = [];
  for (let s = 1; s <= STUDIES; s++) {
    const { record, workspace } = await simStudy({
      seed: s,
      candidates: [c('defaults'), c('aa1'), c('aa2', { 'warmup-iter': 1 })],
      knobs: NOISY,
    });
    for (const r of record.targets[0].ranking) {
      if (!r.label.startsWith('aa')) continue;
      total++;
      if (r.verdict === 'faster' || r.verdict === 'slower') called++;
    }
    rounds.push(record.targets[0].roundsDone);
    await rm(workspace, { recursive: true, force: true });
  }
  console.log(
    `2. A/A false positives over ${STUDIES} studies (noise 3%/run, drift +10%/min, steps +8%@20s −6%@45s): ` +
      `${pct(called, total)} called faster/slower; median rounds ${median(rounds)}  [goal <= 5%]`,
  );
}

async function power() {
  let found = 0;
  let wrong = 0;
  const rounds = [];
  for (let s = 1; s <= STUDIES; s++) {
    const { record, workspace } = await simStudy({
      seed: 1000 + s,
      candidates: [c('defaults'), c('five', { 'weight-preprocess': true })],
      knobs: { ...NOISY, STANDIN_FACTORS: JSON.stringify({ 'weight-preprocess': 0.95 }) },
    });
    const v = record.targets[0].ranking.find((r) => r.label === 'five').verdict;
    if (v === 'faster') found++;
    if (v === 'slower') wrong++;
    rounds.push(record.targets[0].roundsDone);
    await rm(workspace, { recursive: true, force: true });
  }
  console.log(
    `3. power for a true 5% effect (same noise, default budget 10 rounds): found ${pct(found, STUDIES)}, ` +
      `wrong direction ${wrong}; median rounds ${median(rounds)}  [goal >= 80%]`,
  );
}

// ---- 4. racing vs full rounds --------------------------------------------------------------------
const GUIDE_X86 = [
  c('defaults'),
  c('fast-run', { 'fast-run': true }),
  c('full-run', { 'full-run': true }),
  c('weight-preprocess', { 'weight-preprocess': true }),
  c('fast-run+wp', { 'fast-run': true, 'weight-preprocess': true }),
  c('fake-first', { 'fake-first': true, 'warmup-iter': 2 }),
  c('fuse-nonlinearity', { 'enable-fuse-conv-bias-nonlinearity': true }),
  c('fuse-z', { 'enable-fuse-conv-bias-with-z': true }),
  c('record-comp-seq', { 'record-comp-seq': true }),
  c('layout-transform-cpu', { 'layout-transform': 'cpu' }),
  c('nchw88', { 'enable-nchw88': true }),
];

async function racing() {
  const n = Math.max(10, Math.round(STUDIES / 6));
  let same = 0;
  const ratios = [];
  for (let s = 1; s <= n; s++) {
    const race = await simStudy({ seed: 500 + s, candidates: GUIDE_X86, knobs: NOISY });
    const full = await simStudy({
      seed: 500 + s,
      candidates: GUIDE_X86,
      knobs: NOISY,
      def: { racing: false },
    });
    const bestOf = (r) => r.record.targets[0].ranking[0];
    const rb = bestOf(race);
    const fb = bestOf(full);
    const fEntry = full.record.targets[0].ranking.find((r) => r.label === rb.label);
    if (rb.label === fb.label || fEntry?.equivalentToBest) same++;
    ratios.push(race.elapsedMs / full.elapsedMs);
    await rm(race.workspace, { recursive: true, force: true });
    await rm(full.workspace, { recursive: true, force: true });
  }
  console.log(
    `4. racing vs every candidate for 10 full rounds (x86 guide-like set, ${n} seeds): same best (or within noise) ` +
      `${pct(same, n)}; racing time / full time median ${(100 * median(ratios)).toFixed(0)}% ` +
      `(max ${(100 * Math.max(...ratios)).toFixed(0)}%)  [goal <= 40%]`,
  );
}

if (!process.argv.includes('--no-overhead')) await overhead();
await falsePositives();
await power();
await racing();

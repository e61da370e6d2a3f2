/**
 * TEST/BENCH SUPPORT — an in-process Runner that "runs" load_and_run by printing what the stand-in
 * would print, with times from the stand-in's own timing model (`speedModel.js`), on a virtual
 * clock. It lets the study tests and `bench/study.mjs` run hundreds of studies in seconds while the
 * statistics, the scheduler, runBenchmark and the real output parser are the real ones.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseLarArgv } from '../../src/core/engines/lar/commandLine';
import type { Runner, RunOutcome, RunRequest } from '../../src/core/runners/runner';
import { mulberry32 } from '../../src/core/seededRandom';

interface Plan {
  loadMs: number;
  configMs: number;
  warmupMs: number[];
  iterMs: number[];
  crash: 'warmup' | null;
}
interface SpeedModel {
  parseKnobs(env: Record<string, string | undefined>): unknown;
  planRun(flags: Record<string, unknown>, knobs: unknown, nowMs: number, random: () => number): Plan;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const speed = require('../fixtures/standin-load-and-run/speedModel.js') as SpeedModel;

/** A clock that only moves when a simulated run (or a cool-down) spends time. */
export class VirtualClock {
  constructor(public nowMs = Date.UTC(2026, 0, 1)) {}
  now = (): Date => new Date(this.nowMs);
  sleep = async (ms: number): Promise<void> => {
    this.nowMs += ms;
  };
}

export interface SimulatedLarOptions {
  target?: string;
  /** Stand-in knobs, as its environment spells them (STANDIN_PROFILE, STANDIN_NOISE, STANDIN_DRIFT...). */
  knobs: Record<string, string>;
  clock: VirtualClock;
  seed: number;
  /** Extra time per run beyond the printed phases (process start, parsing), ms. */
  overheadMs?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ms3 = (x: number) => x.toFixed(3);

export class SimulatedLarRunner implements Runner {
  readonly target: string;
  private readonly random: () => number;
  private readonly knobs: unknown;
  runs = 0;

  constructor(private readonly opts: SimulatedLarOptions) {
    this.target = opts.target ?? 'local';
    this.random = mulberry32(opts.seed);
    this.knobs = speed.parseKnobs({ STANDIN_EPOCH_MS: String(opts.clock.nowMs), ...opts.knobs });
  }

  async run(req: RunRequest): Promise<RunOutcome> {
    this.runs++;
    if (req.signal?.aborted)
      return {
        exitCode: null,
        signal: 'SIGTERM',
        status: 'cancelled',
        durationMs: 0,
        artifacts: [],
        uploadedBytes: 0,
      };
    const parsed = parseLarArgv(req.args);
    const plan = speed.planRun(parsed.flags, this.knobs, this.opts.clock.nowMs, this.random);
    const lines: string[] = [];
    const d = new Date(this.opts.clock.nowMs);
    const log = (line: number, msg: string) =>
      lines.push(
        `[${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} @:${line}] ${msg}\n`,
      );
    log(138, 'megbrain/lite/load_and_run:\nusing MegBrain 1.9999.0(0) and MegDNN 9.3.0\n');
    log(10, 'creat mdl model use XPU as default comp node');
    log(51, `load model: ${ms3(plan.loadMs)}ms\n`);
    log(116, 'run testcase: 0 ');
    let spent = plan.loadMs + plan.configMs + (this.opts.overheadMs ?? 20);
    const finish = (o: Partial<RunOutcome>): RunOutcome => {
      req.onStderr?.(lines.join(''));
      this.opts.clock.nowMs += spent;
      return {
        exitCode: 0,
        signal: null,
        status: 'exited',
        durationMs: spent,
        artifacts: [],
        uploadedBytes: 0,
        ...o,
      };
    };
    plan.warmupMs.forEach((w, i) => {
      log(67, `=== prepare: ${ms3(i === 0 ? plan.configMs : 0.014)}ms; going to warmup`);
      if (plan.crash === 'warmup') return;
      log(70, `warm up ${i}  ${ms3(w)}ms`);
      spent += w;
    });
    if (plan.crash === 'warmup') return finish({ exitCode: null, signal: 'SIGSEGV' });
    const n = plan.iterMs.length;
    plan.iterMs.forEach((t, i) => log(88, `iter ${i}/${n}: e2e=${ms3(t)} ms (host=${ms3(t * 0.18)} ms)`));
    const sum = plan.iterMs.reduce((a, b) => a + b, 0);
    spent += sum;
    const avg = sum / n;
    const sdv = Math.sqrt(plan.iterMs.reduce((a, b) => a + (b - avg) ** 2, 0) / Math.max(1, n - 1));
    log(
      97,
      `=== finished test #0: time=${ms3(sum)} ms avg_time=${ms3(avg)} ms standard_deviation=${ms3(sdv)} ms ` +
        `min=${ms3(Math.min(...plan.iterMs))} ms max=${ms3(Math.max(...plan.iterMs))} ms`,
    );
    log(129, `=== total time: ${ms3(sum)}ms\n`);
    const policy = parsed.flags['fast-run-algo-policy'];
    if (typeof policy === 'string') writeFileSync(policy, 'simulated algo cache\n');
    const dump = parsed.flags['layout-transform-dump'];
    if (typeof dump === 'string') writeFileSync(dump, 'simulated dumped model\n');
    const profile = parsed.flags['profile'];
    if (typeof profile === 'string') {
      writeFileSync(profile, simulatedProfile(avg));
      const bytes = readFileSync(profile).length;
      const at = new Date(this.opts.clock.nowMs).toISOString();
      return finish({
        artifacts: [{ localPath: profile, flag: '--profile', target: this.target, createdAt: at, bytes }],
      });
    }
    return finish({});
  }

  async dispose(): Promise<void> {}
}

const REAL_PROFILE = path.join(import.meta.dirname, '..', 'fixtures', 'profile', 'lar_mnist_profile.json');

/**
 * The real mnist `--profile` JSON with every device kernel scaled so the profile's total follows
 * the run's mean (a faster candidate's profile is faster by the same factor).
 */
function simulatedProfile(meanMs: number): string {
  const prof = JSON.parse(readFileSync(REAL_PROFILE, 'utf8'));
  const byNode = Object.values(prof.profiler.device) as Array<Record<string, { start: number; end: number }>>;
  let total = 0;
  for (const m of byNode) for (const t of Object.values(m)) total += t.end - t.start;
  const k = total > 0 ? meanMs / 1000 / total : 1;
  for (const m of byNode) for (const t of Object.values(m)) t.end = t.start + (t.end - t.start) * k;
  return JSON.stringify(prof);
}

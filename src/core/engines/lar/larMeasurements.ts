/**
 * The numbers one load_and_run run measured, as the parser reads them: load, configuration and
 * warm-up times, every iteration (with its e2e time kept side by side in a flat buffer for the
 * statistics), the tool's own per-test-case lines and its total. Owns the derived values too: the
 * inference summary (cached until another iteration arrives) and the notes where the tool's avg_time
 * disagrees with the mean of its iter lines. Knows nothing of lines, pipes or phases; the parser
 * (`outputParser.ts`) decides what a line means and hands the values here.
 */
import type {
  InferenceSummary,
  IterationTime,
  ParsedResult,
  TestcaseSummary,
  ToolMessage,
} from '../../engine';
import { max, mean, median, min, sd } from '../../stats';

/**
 * Tolerance when comparing the tool's `avg_time` with the mean of its `iter` lines: every iter value
 * is printed with %.3f (error <= 0.0005 ms), so their mean is within 0.0005 ms of the true mean; the
 * printed avg is the true mean rounded to %.3f (another 0.0005 ms). Anything beyond 0.001 ms is a
 * real disagreement (lost lines, interleaved threads).
 */
const AVG_TOLERANCE_MS = 0.001 + 1e-9;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export class LarMeasurements {
  private loadMs: number | null = null;
  private configMs: number | null = null;
  private readonly warmupMs: number[] = [];
  private readonly iterations: IterationTime[] = [];
  /** e2e times side by side with `iterations`, for statistics without touching the objects. */
  private e2e = new Float64Array(1024);
  private readonly perTestcase = new Map<number, { sum: number; count: number }>();
  private readonly testcases: TestcaseSummary[] = [];
  /** The test case that iterations and a legacy `avg_time` line belong to. */
  private testcase = 0;
  private totalMs: number | null = null;
  private totalPrinted = false;

  private inferenceCache: { count: number; value: InferenceSummary | null } = { count: -1, value: null };

  /** The first `load model:` line is the model's; later ones are not. */
  load(ms: number | null): void {
    this.loadMs ??= ms;
  }

  /** `=== prepare` is printed before every warm-up; only the first is the configuration time (reference §2a). */
  prepare(ms: number | null): void {
    if (this.configMs === null) this.configMs = ms;
  }

  warmup(ms: number | null): void {
    if (ms !== null) this.warmupMs.push(ms);
  }

  startTestcase(index: number): void {
    this.testcase = index;
  }

  /** Records one iteration of the current test case; returns it, or null when its e2e time is unreadable. */
  iteration(
    index: number,
    e2eMs: number | null,
    hostMs: number | null,
    deviceMs: number | null,
  ): IterationTime | null {
    if (e2eMs === null) return null;
    const it: IterationTime = { testcase: this.testcase, index, e2eMs, hostMs, deviceMs };
    const n = this.iterations.length;
    if (n === this.e2e.length) {
      const grown = new Float64Array(n * 2);
      grown.set(this.e2e);
      this.e2e = grown;
    }
    this.e2e[n] = e2eMs;
    this.iterations.push(it);
    const acc = this.perTestcase.get(it.testcase);
    if (acc) {
      acc.sum += e2eMs;
      acc.count++;
    } else {
      this.perTestcase.set(it.testcase, { sum: e2eMs, count: 1 });
    }
    return it;
  }

  /** A test case's summary line as the tool printed it. */
  testcaseSummary(summary: TestcaseSummary): void {
    this.testcases.push(summary);
  }

  /** The legacy tool prints only a mean, for the current test case. */
  legacyAverage(meanMs: number | null): void {
    this.testcases.push({
      index: this.testcase,
      totalMs: null,
      meanMs,
      sdMs: null,
      minMs: null,
      maxMs: null,
    });
  }

  total(ms: number | null): void {
    this.totalMs = ms;
    this.totalPrinted = true;
  }

  /** The total line was printed (even with an unreadable number): the run reached its end. */
  get totalSeen(): boolean {
    return this.totalPrinted;
  }

  /** Copies of what was measured, the statistics included, in the order of ParsedResult's fields. */
  snapshot(): Pick<ParsedResult, 'phases' | 'iterations' | 'testcases' | 'totalMs'> {
    return {
      phases: {
        loadMs: this.loadMs,
        configMs: this.configMs,
        warmupMs: this.warmupMs.slice(),
        inference: this.inference(),
      },
      iterations: this.iterations.slice(),
      testcases: this.testcases.map((t) => ({ ...t })),
      totalMs: this.totalMs,
    };
  }

  private inference(): InferenceSummary | null {
    const count = this.iterations.length;
    if (this.inferenceCache.count !== count) {
      this.inferenceCache = {
        count,
        value: count === 0 ? null : summarizeTimes(this.e2e.subarray(0, count)),
      };
    }
    const v = this.inferenceCache.value;
    return v ? { ...v } : null;
  }

  /** Notes where the tool's own avg_time disagrees with its iter lines beyond %.3f rounding. */
  averageChecks(): ToolMessage[] {
    const notes: ToolMessage[] = [];
    const seen = new Map<number, number>();
    for (const t of this.testcases) seen.set(t.index, (seen.get(t.index) ?? 0) + 1);
    for (const t of this.testcases) {
      // With --thread N every thread prints its own finished line for the same index: no single mean to check.
      if (seen.get(t.index) !== 1 || t.meanMs === null) continue;
      const acc = this.perTestcase.get(t.index);
      if (!acc || acc.count === 0) continue;
      const mean = acc.sum / acc.count;
      if (Math.abs(mean - t.meanMs) > AVG_TOLERANCE_MS) {
        notes.push({
          level: 'info',
          text:
            `test case #${t.index}: load_and_run reports avg_time=${t.meanMs.toFixed(3)} ms but its ` +
            `${acc.count} iter lines average ${mean.toFixed(3)} ms`,
        });
      }
    }
    return notes;
  }
}

/** Mean, sample sd, min, max, median of the e2e times, rounded to 1e-6 ms (inputs have 1e-3). */
function summarizeTimes(xs: Float64Array): InferenceSummary {
  const n = xs.length;
  return {
    meanMs: round6(mean(xs)),
    // One sample has no spread to measure; the contract's number type gets 0 rather than NaN (JSON null).
    sdMs: n > 1 ? round6(sd(xs)) : 0,
    minMs: min(xs),
    maxMs: max(xs),
    medianMs: round6(median(xs)),
    count: n,
  };
}

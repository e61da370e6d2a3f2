/**
 * The numbers one load_and_run run measured, as the parser reads them: load, configuration and
 * warm-up times, every iteration, the tool's own per-test-case lines and its total. Iterations are
 * kept as numbers in columns (numberColumn.ts; 24 bytes each; objects cost ~4x that and the garbage collector's
 * time): a 100 MB log's 1.6 million iterations fit in ~40 MB, and the objects of the public
 * ParsedResult are made only when asked for (`snapshot`, `forEachIteration`). Owns the derived values too: the
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
import { NumberColumn } from './numberColumn';

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
  private count = 0;
  /** Columns of the iterations, `count` long: e2e, host (NaN: none), the iter line's index. */
  private readonly e2e = new NumberColumn();
  private readonly host = new NumberColumn();
  private readonly index = new NumberColumn();
  /** The older tool's device time; made when the first one is seen (NaN: none). */
  private device: NumberColumn | null = null;
  /** The test case of each iteration as runs: iterations from `tcStart[k]` on belong to `tcValue[k]`. */
  private readonly tcStart: number[] = [];
  private readonly tcValue: number[] = [];
  private lastAcc: { testcase: number; acc: { sum: number; count: number } } | null = null;
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

  /** The test case iterations now belong to. */
  get currentTestcase(): number {
    return this.testcase;
  }

  /** Records one iteration of the current test case; false when its e2e time is unreadable. */
  iteration(index: number, e2eMs: number | null, hostMs: number | null, deviceMs: number | null): boolean {
    if (e2eMs === null) return false;
    const n = this.count;
    this.e2e.push(e2eMs);
    this.host.push(hostMs ?? NaN);
    this.index.push(index);
    if (deviceMs !== null && this.device === null) {
      this.device = new NumberColumn(NaN);
      for (let i = 0; i < n; i++) this.device.push(NaN);
    }
    this.device?.push(deviceMs ?? NaN);
    const tc = this.testcase;
    if (this.tcValue.length === 0 || this.tcValue[this.tcValue.length - 1] !== tc) {
      this.tcStart.push(n);
      this.tcValue.push(tc);
    }
    this.count = n + 1;
    let last = this.lastAcc;
    if (last === null || last.testcase !== tc) {
      let acc = this.perTestcase.get(tc);
      if (!acc) this.perTestcase.set(tc, (acc = { sum: 0, count: 0 }));
      last = this.lastAcc = { testcase: tc, acc };
    }
    last.acc.sum += e2eMs;
    last.acc.count++;
    return true;
  }

  get iterationCount(): number {
    return this.count;
  }

  /** Each iteration as the public object, in order, made on the fly (nothing is kept). */
  forEachIteration(visit: (it: IterationTime) => void): void {
    const { e2e, host, index, device, tcStart, tcValue } = this;
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      while (k + 1 < tcStart.length && tcStart[k + 1]! <= i) k++;
      const h = host.get(i);
      const d = device === null ? NaN : device.get(i);
      visit({
        testcase: tcValue[k]!,
        index: index.get(i),
        e2eMs: e2e.get(i),
        hostMs: Number.isNaN(h) ? null : h,
        deviceMs: Number.isNaN(d) ? null : d,
      });
    }
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

  /**
   * Copies of what was measured, the statistics included, in the order of ParsedResult's fields;
   * `iterations` empty when not asked for (a streaming writer visits them with forEachIteration).
   */
  snapshot(withIterations = true): Pick<ParsedResult, 'phases' | 'iterations' | 'testcases' | 'totalMs'> {
    const iterations: IterationTime[] = [];
    if (withIterations) this.forEachIteration((it) => iterations.push(it));
    return {
      phases: {
        loadMs: this.loadMs,
        configMs: this.configMs,
        warmupMs: this.warmupMs.slice(),
        inference: this.inference(),
      },
      iterations,
      testcases: this.testcases.map((t) => ({ ...t })),
      totalMs: this.totalMs,
    };
  }

  private inference(): InferenceSummary | null {
    const count = this.count;
    if (this.inferenceCache.count !== count) {
      this.inferenceCache = {
        count,
        value: count === 0 ? null : summarizeTimes(this.e2e.toArray(count)),
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

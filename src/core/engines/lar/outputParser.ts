/**
 * The streaming parser of load_and_run's output (both generations, reference §2). It turns chunks
 * as they arrive into the public ParsedResult: phases, every iteration, what the tool printed per
 * test case, --fitting candidates and the tool's warnings/errors with one plain summary when it
 * died. Owns the state machine that reads lines, one line assembler per pipe (so stdout never
 * splices into a half stderr line); the line patterns are in `larLineGrammar.ts`, the failure
 * wording in `failureSummary.ts`, the message cap in `messageLog.ts`. Never throws on input; memory
 * grows only with the iterations (the contract keeps each one), never with the raw text.
 */
import type {
  FittingResult,
  InferenceSummary,
  IterationTime,
  OutputParser,
  ParsedResult,
  TestcaseSummary,
  ToolMessage,
} from '../../engine';
import { max, mean, median, min, sd } from '../../stats';
import { summarizeFailure } from './failureSummary';
import { cleanLine, parseNumber, RE, TERMINATE_PREFIX, type CleanLine } from './larLineGrammar';
import { LineAssembler } from './lineAssembler';
import { MessageLog } from './messageLog';

export { MESSAGE_CAP } from './messageLog';

/** How far a run got, by the last timing line seen; `describeExit` words crashes with it. */
export type LarPhase = 'start' | 'load' | 'configure' | 'warm-up' | 'inference' | 'fitting' | 'finished';

type StreamKey = 'stdout' | 'stderr' | 'merged';

/**
 * Tolerance when comparing the tool's `avg_time` with the mean of its `iter` lines: every iter value
 * is printed with %.3f (error <= 0.0005 ms), so their mean is within 0.0005 ms of the true mean; the
 * printed avg is the true mean rounded to %.3f (another 0.0005 ms). Anything beyond 0.001 ms is a
 * real disagreement (lost lines, interleaved threads).
 */
const AVG_TOLERANCE_MS = 0.001 + 1e-9;

/**
 * One pipe's lines and its multi-line blocks: a message's continuation lines, a candidate's option
 * lines, the best-options block all come on the same pipe as their first line, so a blank line on the
 * other pipe must not end them.
 */
interface StreamState {
  lines: LineAssembler;
  /** The message that unheaded lines continue, and whether it is a recoverable log line or a fatal block. */
  open: { msg: ToolMessage; kind: 'logged' | 'fatal' } | null;
  collectingOptions: string[] | null;
  /** Options of a candidate whose block ended with a blank line; its ` avg_time=` line follows. */
  pendingOptions: string[] | null;
  collectingBest: boolean;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export class LarOutputParser implements OutputParser {
  onIteration?: (it: IterationTime) => void;

  private readonly streams = new Map<StreamKey, StreamState>();
  private generation: 'lite' | 'legacy' = 'lite';
  private bannerSeen = false;
  private megbrain: string | null = null;
  private megdnn: string | null = null;
  private currentPhase: LarPhase = 'start';

  private loadMs: number | null = null;
  private configMs: number | null = null;
  private readonly warmupMs: number[] = [];
  private readonly iterations: IterationTime[] = [];
  /** e2e times side by side with `iterations`, for statistics without touching the objects. */
  private e2e = new Float64Array(1024);
  private readonly perTestcase = new Map<number, { sum: number; count: number }>();
  private readonly testcases: TestcaseSummary[] = [];
  private testcase = 0;
  private totalMs: number | null = null;
  private totalSeen = false;

  private fitting: { candidates: FittingResult['candidates']; best: string[] | null } | null = null;

  private readonly messages = new MessageLog();
  private fatal = false;

  private inferenceCache: { count: number; value: InferenceSummary | null } = { count: -1, value: null };

  push(chunk: string, stream?: 'stdout' | 'stderr'): void {
    if (typeof chunk === 'string' && chunk.length > 0) this.stream(stream ?? 'merged').lines.push(chunk);
  }

  /** Raw bytes, decoded as UTF-8 with a streaming decoder (a character may straddle two chunks). */
  pushBytes(bytes: Uint8Array, stream?: 'stdout' | 'stderr'): void {
    this.stream(stream ?? 'merged').lines.pushBytes(bytes);
  }

  end(): void {
    // stderr carries the timings; stdout (block-buffered) is flushed last, as a merged capture shows it.
    for (const key of ['merged', 'stderr', 'stdout'] as const) {
      const st = this.streams.get(key);
      if (!st) continue;
      st.lines.end();
      this.closeBlocks(st);
    }
  }

  /** The phase the run was in when output stopped. */
  phase(): LarPhase {
    return this.currentPhase;
  }

  result(): ParsedResult {
    const base: ParsedResult = {
      engine: 'load_and_run',
      tool: { generation: this.generation, megbrain: this.megbrain, megdnn: this.megdnn },
      complete: (this.totalSeen || (this.fitting?.best ?? null) !== null) && !this.fatal,
      phases: {
        loadMs: this.loadMs,
        configMs: this.configMs,
        warmupMs: this.warmupMs.slice(),
        inference: this.inference(),
      },
      iterations: this.iterations.slice(),
      testcases: this.testcases.map((t) => ({ ...t })),
      totalMs: this.totalMs,
      fitting: this.fitting
        ? {
            candidates: this.fitting.candidates.map((c) => ({ ...c })),
            best: this.fitting.best ? this.fitting.best.join(' ') : null,
          }
        : null,
      messages: this.messages.snapshot(),
    };
    const summary = this.fatal ? summarizeFailure(base) : null;
    base.messages = [
      ...(summary ? [{ level: 'error' as const, text: summary }] : []),
      ...base.messages,
      ...this.averageChecks(),
    ];
    return base;
  }

  // --- lines -------------------------------------------------------------------------------------

  private stream(key: StreamKey): StreamState {
    let st = this.streams.get(key);
    if (!st) {
      const state: StreamState = {
        lines: new LineAssembler((line) => this.line(line, state)),
        open: null,
        collectingOptions: null,
        pendingOptions: null,
        collectingBest: false,
      };
      this.streams.set(key, state);
      st = state;
    }
    return st;
  }

  private line(raw: string, st: StreamState): void {
    try {
      const cl = cleanLine(raw);
      // An unterminated print can glue itself before the C++ runtime's abort line (32_input_missing_npy).
      const cut = cl.headed ? -1 : cl.body.indexOf(TERMINATE_PREFIX);
      if (cut > 0) {
        this.handle({ ...cl, body: cl.body.slice(0, cut) }, st);
        this.handle({ ...cl, body: cl.body.slice(cut) }, st);
      } else {
        this.handle(cl, st);
      }
    } catch {
      // A bug in a rule must not lose the rest of the run; the line is simply not understood.
    }
  }

  // --- the state machine --------------------------------------------------------------------------

  private handle(cl: CleanLine, st: StreamState): void {
    const t = cl.body.trim();
    if (t.length === 0) {
      this.closeBlocks(st);
      return;
    }
    if (cl.lite) {
      st.open = null;
      if (cl.level === 'error' || cl.level === 'warn') this.addMessage(cl.level, t);
      return;
    }
    if (cl.level === 'debug') {
      st.open = null;
      return;
    }
    if (!cl.headed && RE.optionLine.test(t)) {
      if (st.collectingBest && this.fitting) {
        (this.fitting.best ??= []).push(t);
        return;
      }
      if (st.collectingOptions) {
        st.collectingOptions.push(t);
        return;
      }
    }
    if (this.timing(t, st)) {
      st.open = null;
      return;
    }
    if (this.fatalLine(t, cl.headed, st)) return;
    if (cl.headed) {
      st.open = null;
      if (cl.level === 'error' || cl.level === 'warn') {
        const msg = this.addMessage(cl.level, t);
        if (msg) st.open = { msg, kind: 'logged' };
      }
      return;
    }
    if (st.open) MessageLog.append(st.open.msg, t);
  }

  /** Blank line: a multi-line message or option block ends. */
  private closeBlocks(st: StreamState): void {
    st.open = null;
    if (st.collectingOptions) {
      st.pendingOptions = st.collectingOptions;
      st.collectingOptions = null;
    }
    st.collectingBest = false;
  }

  /** Timing and structure lines. Returns true when the line was one. */
  private timing(t: string, st: StreamState): boolean {
    let m: RegExpExecArray | null;
    switch (t.charCodeAt(0)) {
      case 109 /* m */:
        if ((m = RE.version.exec(t)) && RE.legacyBanner.test(t)) {
          this.banner('legacy');
          this.version(m);
          return true;
        }
        if (RE.liteBanner.test(t)) {
          this.banner('lite');
          return true;
        }
        return false;
      case 117 /* u */:
        if ((m = RE.version.exec(t))) {
          this.version(m);
          return true;
        }
        return false;
      case 108 /* l */:
        if ((m = RE.load.exec(t))) {
          this.loadMs ??= parseNumber(m[1]);
          this.enter('configure');
          return true;
        }
        return false;
      case 114 /* r */:
        if ((m = RE.testcase.exec(t))) {
          this.testcase = Number(m[1]);
          return true;
        }
        if (RE.fittingIter.test(t)) return this.fittingLine();
        return false;
      case 119 /* w */:
        if ((m = RE.warmup.exec(t)) || ((m = RE.legacyWarmup.exec(t)) && this.evidence('legacy'))) {
          const v = parseNumber(m[2]);
          if (v !== null) this.warmupMs.push(v);
          // Iterations (or another `=== prepare` for the next warm-up) come next.
          this.enter('inference');
          return true;
        }
        if (RE.fittingWarmup.test(t)) return this.fittingLine();
        return false;
      case 105 /* i */:
        if ((m = RE.iter.exec(t))) {
          this.iteration(Number(m[1]), parseNumber(m[3]), parseNumber(m[4]), null);
          return true;
        }
        if ((m = RE.legacyIter.exec(t))) {
          this.evidence('legacy');
          this.iteration(Number(m[1]), parseNumber(m[3]), parseNumber(m[4]), parseNumber(m[5]));
          return true;
        }
        return false;
      case 61 /* = */:
        return this.equalsLine(t);
      case 99 /* c */:
        if (RE.fittingConfig.test(t)) return this.fittingLine();
        return false;
      case 112 /* p */:
        if (RE.fittingOption.test(t)) {
          this.fittingLine();
          st.collectingOptions = [];
          st.pendingOptions = null;
          return true;
        }
        return false;
      case 97 /* a */:
        if ((m = RE.fittingAvg.exec(t))) {
          const options = st.collectingOptions ?? st.pendingOptions;
          const mean = parseNumber(m[1]);
          st.collectingOptions = st.pendingOptions = null;
          if (options && this.fitting) {
            if (mean !== null) this.fitting.candidates.push({ options: options.join(' '), meanMs: mean });
            else this.addMessage('warn', `fitting candidate without a finite time: ${options.join(' ')}`);
          }
          return true;
        }
        if ((m = RE.legacyAvg.exec(t))) {
          this.evidence('legacy');
          const mean = parseNumber(m[1]);
          this.testcases.push({
            index: this.testcase,
            totalMs: null,
            meanMs: mean,
            sdMs: null,
            minMs: null,
            maxMs: null,
          });
          return true;
        }
        return false;
      case 116 /* t */:
        if (RE.fittingBest.test(t)) {
          this.fittingLine();
          st.collectingBest = true;
          if (this.fitting) this.fitting.best = [];
          this.enter('finished');
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private equalsLine(t: string): boolean {
    let m: RegExpExecArray | null;
    if ((m = RE.prepare.exec(t))) {
      // Printed before every warm-up; only the first is the configuration time (reference §2a).
      if (this.configMs === null) this.configMs = parseNumber(m[1]);
      this.enter('warm-up');
      return true;
    }
    if ((m = RE.finished.exec(t))) {
      // Groups: 1 index, 2 time, 3 avg, 4 sd; 5/6 the current tool's min/max, 7/8 the older `minmax=`.
      if (m[7] !== undefined || / sd=/.test(t)) this.evidence('legacy');
      this.testcases.push({
        index: Number(m[1]),
        totalMs: parseNumber(m[2]),
        meanMs: parseNumber(m[3]),
        sdMs: parseNumber(m[4]),
        minMs: parseNumber(m[5] ?? m[7]),
        maxMs: parseNumber(m[6] ?? m[8]),
      });
      return true;
    }
    if ((m = RE.total.exec(t))) {
      this.totalMs = parseNumber(m[1]);
      this.totalSeen = true;
      this.enter('finished');
      return true;
    }
    if ((m = RE.legacyTestcase.exec(t))) {
      this.evidence('legacy');
      this.testcase = Number(m[1]);
      return true;
    }
    if ((m = RE.legacyFinishedRun.exec(t))) {
      this.evidence('legacy');
      this.iteration(Number(m[1]), parseNumber(m[2]), null, null);
      return true;
    }
    if (t.startsWith('=== going to run')) {
      this.evidence('legacy');
      return true;
    }
    return false;
  }

  /** Lines that end a run or refuse to start it. Returns true when the line was one. */
  private fatalLine(t: string, headed: boolean, st: StreamState): boolean {
    let m: RegExpExecArray | null;
    if (RE.terminate.test(t)) {
      this.fatalMessage(t);
      st.open = null;
      return true;
    }
    if ((m = RE.what.exec(t))) {
      this.openFatal(`what(): ${m[1]}`, st);
      return true;
    }
    if ((m = RE.extra.exec(t))) {
      // `extra message:` also continues a recoverable `[ERR] catch exception:` (27_fitting).
      if (st.open && st.open.kind === 'logged') {
        MessageLog.append(st.open.msg, t);
      } else {
        this.openFatal(`extra message: ${m[1]}`, st);
      }
      return true;
    }
    if (headed) return false;
    if ((m = RE.gflagsError.exec(t))) {
      const text = m[1];
      const isFlagError = /^(?:unknown command line flag|illegal value|flag '.*' is missing)/.test(text);
      if (isFlagError) this.fatalMessage(text);
      else this.addMessage('error', text);
      st.open = null;
      return true;
    }
    if ((m = RE.legacyInvalidArg.exec(t))) {
      this.evidence('legacy');
      this.fatalMessage(t);
      return true;
    }
    if (RE.ioError.test(t)) {
      this.addMessage('error', t);
      st.open = null;
      return true;
    }
    if (RE.segfault.test(t) || RE.aborted.test(t) || RE.commandNotFound.test(t)) {
      this.fatalMessage(t);
      st.open = null;
      return true;
    }
    return false;
  }

  // --- state updates -----------------------------------------------------------------------------

  /** `finished` is final: a late line on the other pipe (or another --thread) must not reopen the run. */
  private enter(phase: LarPhase): void {
    if (this.currentPhase !== 'finished') this.currentPhase = phase;
  }

  private banner(generation: 'lite' | 'legacy'): void {
    this.generation = generation;
    this.bannerSeen = true;
    this.enter('load');
  }

  /** A line only one generation prints; the banner, when seen, has the last word. */
  private evidence(generation: 'lite' | 'legacy'): true {
    if (!this.bannerSeen) this.generation = generation;
    return true;
  }

  private version(m: RegExpExecArray): void {
    this.megbrain = m[1];
    this.megdnn = m[2];
    if (this.currentPhase === 'start') this.currentPhase = 'load';
  }

  private fittingLine(): true {
    this.fitting ??= { candidates: [], best: null };
    this.enter('fitting');
    return true;
  }

  private iteration(
    index: number,
    e2eMs: number | null,
    hostMs: number | null,
    deviceMs: number | null,
  ): void {
    this.enter('inference');
    if (e2eMs === null) return;
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
    if (this.onIteration) {
      try {
        this.onIteration(it);
      } catch {
        // A listener's bug (a chart) must not stop the parse; the iteration is already recorded.
      }
    }
  }

  private addMessage(level: ToolMessage['level'], text: string): ToolMessage | null {
    return this.messages.add(level, text);
  }

  private fatalMessage(text: string): ToolMessage | null {
    this.fatal = true;
    return this.messages.add('error', text, true);
  }

  private openFatal(text: string, st: StreamState): void {
    const msg = this.fatalMessage(text);
    st.open = msg ? { msg, kind: 'fatal' } : null;
  }

  // --- derived values ----------------------------------------------------------------------------

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
  private averageChecks(): ToolMessage[] {
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

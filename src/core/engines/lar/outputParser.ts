/**
 * The streaming parser of load_and_run's output (both generations, reference §2). It turns chunks
 * as they arrive into the public ParsedResult. Owns the reading of lines: one line assembler per pipe
 * (so stdout never splices into a half stderr line) with its open blocks, which rule a line matches,
 * the phase the run reached, the tool's generation and version, and the --fitting candidates. What a
 * line measured goes to `larMeasurements.ts`, what the tool said (warnings, errors, the fatal lines)
 * to `toolMessages.ts`; the line patterns are in `larLineGrammar.ts`, the failure wording in
 * `failureSummary.ts`. Never throws on input; memory grows only with the iterations (the contract
 * keeps each one), never with the raw text.
 */
import type { FittingResult, IterationTime, OutputParser, ParsedResult } from '../../engine';
import { summarizeFailure } from './failureSummary';
import { cleanLine, parseNumber, RE, TERMINATE_PREFIX, type CleanLine } from './larLineGrammar';
import { LarMeasurements } from './larMeasurements';
import { LineAssembler } from './lineAssembler';
import { LarToolMessages, type MessageBlock } from './toolMessages';

export { MESSAGE_CAP } from './messageLog';

/** How far a run got, by the last timing line seen; `describeExit` words crashes with it. */
export type LarPhase = 'start' | 'load' | 'configure' | 'warm-up' | 'inference' | 'fitting' | 'finished';

type StreamKey = 'stdout' | 'stderr' | 'merged';

/**
 * A whole current-format iter line with the release logger's header and no level tag, colours or
 * CR: `[24 02:48:19 @:88] iter 3/10: e2e=0.093 ms (host=0.017 ms)`. Anything else takes the full
 * path (cleanLine, RE.iter), which reads these lines the same way; a unit test holds them equal.
 */
const FAST_ITER =
  /^\[\d{1,2} \d{2}:\d{2}:\d{2} @:\d+\] iter (\d+)\/\d+: e2e=(\d+\.\d+) ms(?: \(host=(\d+\.\d+) ms\))? ?$/;

/**
 * One pipe's lines and its multi-line blocks: a message's continuation lines, a candidate's option
 * lines, the best-options block all come on the same pipe as their first line, so a blank line on the
 * other pipe must not end them.
 */
interface StreamState extends MessageBlock {
  lines: LineAssembler;
  collectingOptions: string[] | null;
  /** Options of a candidate whose block ended with a blank line; its ` avg_time=` line follows. */
  pendingOptions: string[] | null;
  collectingBest: boolean;
}

export class LarOutputParser implements OutputParser {
  onIteration?: (it: IterationTime) => void;

  private readonly streams = new Map<StreamKey, StreamState>();
  private generation: 'lite' | 'legacy' = 'lite';
  private bannerSeen = false;
  private megbrain: string | null = null;
  private megdnn: string | null = null;
  private currentPhase: LarPhase = 'start';

  private readonly measured = new LarMeasurements();

  private fitting: { candidates: FittingResult['candidates']; best: string[] | null } | null = null;

  private readonly messages = new LarToolMessages(() => this.evidence('legacy'));

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
    return this.build(true);
  }

  resultWithoutIterations(): ParsedResult {
    return this.build(false);
  }

  forEachIteration(visit: (it: IterationTime) => void): void {
    this.measured.forEachIteration(visit);
  }

  private build(withIterations: boolean): ParsedResult {
    const base: ParsedResult = {
      engine: 'load_and_run',
      tool: { generation: this.generation, megbrain: this.megbrain, megdnn: this.megdnn },
      complete: (this.measured.totalSeen || (this.fitting?.best ?? null) !== null) && !this.messages.fatal,
      ...this.measured.snapshot(withIterations),
      fitting: this.fitting
        ? {
            candidates: this.fitting.candidates.map((c) => ({ ...c })),
            best: this.fitting.best ? this.fitting.best.join(' ') : null,
          }
        : null,
      messages: this.messages.snapshot(),
    };
    // The failure wording asks whether anything was measured: the count, whether or not the objects were made.
    const measuredIterations = { length: this.measured.iterationCount } as ParsedResult['iterations'];
    const summary = this.messages.fatal
      ? summarizeFailure({ ...base, iterations: withIterations ? base.iterations : measuredIterations })
      : null;
    base.messages = [
      ...(summary ? [{ level: 'error' as const, text: summary }] : []),
      ...base.messages,
      ...this.measured.averageChecks(),
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
    // Nearly every line of a long log is a plain current-format iteration: read it with one match
    // (the same outcome as the full path below: a headed info line whose timing rule is `iter`).
    const fast = FAST_ITER.exec(raw);
    if (fast) {
      st.open = null;
      this.iteration(Number(fast[1]), Number(fast[2]), fast[3] === undefined ? null : Number(fast[3]), null);
      return;
    }
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
      if (cl.level === 'error' || cl.level === 'warn') this.messages.add(cl.level, t);
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
    if (this.messages.fatalLine(t, cl.headed, st)) return;
    if (cl.headed) this.messages.headed(cl.level, t, st);
    else this.messages.continued(t, st);
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
          this.measured.load(parseNumber(m[1]));
          this.enter('configure');
          return true;
        }
        return false;
      case 114 /* r */:
        if ((m = RE.testcase.exec(t))) {
          this.measured.startTestcase(Number(m[1]));
          return true;
        }
        if (RE.fittingIter.test(t)) return this.fittingLine();
        return false;
      case 119 /* w */:
        if ((m = RE.warmup.exec(t)) || ((m = RE.legacyWarmup.exec(t)) && this.evidence('legacy'))) {
          this.measured.warmup(parseNumber(m[2]));
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
            else this.messages.add('warn', `fitting candidate without a finite time: ${options.join(' ')}`);
          }
          return true;
        }
        if ((m = RE.legacyAvg.exec(t))) {
          this.evidence('legacy');
          this.measured.legacyAverage(parseNumber(m[1]));
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
      this.measured.prepare(parseNumber(m[1]));
      this.enter('warm-up');
      return true;
    }
    if ((m = RE.finished.exec(t))) {
      // Groups: 1 index, 2 time, 3 avg, 4 sd; 5/6 the current tool's min/max, 7/8 the older `minmax=`.
      if (m[7] !== undefined || / sd=/.test(t)) this.evidence('legacy');
      this.measured.testcaseSummary({
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
      this.measured.total(parseNumber(m[1]));
      this.enter('finished');
      return true;
    }
    if ((m = RE.legacyTestcase.exec(t))) {
      this.evidence('legacy');
      this.measured.startTestcase(Number(m[1]));
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
    const testcase = this.measured.currentTestcase;
    // The object is made only for a listener: the measurements keep numbers (larMeasurements.ts).
    if (this.measured.iteration(index, e2eMs, hostMs, deviceMs) && this.onIteration) {
      try {
        this.onIteration({ testcase, index, e2eMs: e2eMs!, hostMs, deviceMs });
      } catch {
        // A listener's bug (a chart) must not stop the parse; the iteration is already recorded.
      }
    }
  }
}

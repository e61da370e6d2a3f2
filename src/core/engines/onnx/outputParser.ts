/**
 * The streaming parser of our ONNX Runtime runner's output (JSON lines on stdout, see
 * runnerEvents.ts; ONNX Runtime's own log lines on stderr) into the public ParsedResult.
 *
 * Mapping to the load_and_run-shaped contract:
 * - `tool`: generation 'onnxruntime', megbrain/megdnn null, version = onnxruntime-node's;
 * - `phases.loadMs`: session creation (read + parse + graph optimisation + initialisation: the
 *   Node binding does them in one call, so they cannot be split);
 * - `phases.configMs`: the separately measured cost of saving the optimised model
 *   (`--optimized-model-path`), else null — the closest thing to load_and_run's configuration step
 *   (`--layout-transform-dump`);
 * - `warmupMs`, `iterations` (testcase 0, `e2eMs` = time around session.run, host/device null);
 * - `testcases[0]`: the runner's own summary from its `done` line; `totalMs`: the runner's total.
 * Never throws on input; chunk boundaries may fall anywhere (also inside UTF-8 sequences).
 */
import type {
  InferenceSummary,
  IterationTime,
  OutputParser,
  ParsedResult,
  TestcaseSummary,
  ToolMessage,
} from '../../engine';
import { TextDecoder } from 'node:util';
import { max, mean, median, min, sd } from '../../stats';
import type { DoneEvent, OrtErrorCode, SessionEvent } from './runnerEvents';

type StreamKey = 'stdout' | 'stderr' | 'merged';

/** Messages kept in full; past this only a count, so a looping log line cannot eat memory. */
export const ORT_MESSAGE_CAP = 1000;
/** A longer line is garbage for us: keep its head only. */
const MAX_LINE = 1 << 20;
const LINE_HEAD_KEPT = 4096;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
/** ONNX Runtime's log line: `2026-11-24 03:15:16.375 [W:onnxruntime:, file.cc:3040 Fn] text`. */
const ORT_LOG = /^\S+ \S+ \[([VIWEF]):onnxruntime:[^\]]*\]\s*(.*)$/;

interface LineBuffer {
  pending: string;
  overflow: boolean;
  decoder: TextDecoder;
}

export class OrtOutputParser implements OutputParser {
  onIteration?: (it: IterationTime) => void;

  private readonly buffers = new Map<StreamKey, LineBuffer>();
  private version: string | null = null;
  private plannedIter: number | null = null;
  private loadMs: number | null = null;
  private configMs: number | null = null;
  private readonly warmupMs: number[] = [];
  private readonly iterations: IterationTime[] = [];
  private done: DoneEvent | null = null;
  private error: { code: OrtErrorCode; message: string } | null = null;
  private readonly messages: ToolMessage[] = [];
  private droppedMessages = 0;
  private unreadable = 0;
  private ended = false;

  push(chunk: string | Uint8Array, stream?: 'stdout' | 'stderr'): void {
    try {
      const key: StreamKey = stream ?? 'merged';
      let buf = this.buffers.get(key);
      if (!buf) {
        buf = { pending: '', overflow: false, decoder: new TextDecoder() };
        this.buffers.set(key, buf);
      }
      const text = typeof chunk === 'string' ? chunk : buf.decoder.decode(chunk, { stream: true });
      this.consume(buf, text, key);
    } catch {
      // A parser never throws on input; anything unexpected only costs this chunk.
      this.unreadable += 1;
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const [key, buf] of this.buffers) {
      if (buf.pending !== '') this.line(buf.pending, key);
      buf.pending = '';
    }
  }

  /** Where the run is, from the events read so far (progress shows it). */
  phase(): 'start' | 'load' | 'warm-up' | 'inference' | 'finished' {
    if (this.done) return 'finished';
    if (this.iterations.length > 0) return 'inference';
    if (this.loadMs !== null) return 'warm-up';
    return this.version !== null || this.plannedIter !== null ? 'load' : 'start';
  }

  /** The runner's error code, when it reported one (for exit-reason wording). */
  get errorCode(): OrtErrorCode | null {
    return this.error?.code ?? null;
  }

  result(): ParsedResult {
    const messages = [...this.messages];
    if (this.droppedMessages > 0)
      messages.push({ level: 'info', text: `${this.droppedMessages} more log line(s) not kept` });
    if (this.unreadable > 0)
      messages.push({
        level: 'warn',
        text: `${this.unreadable} runner line(s) looked like events but could not be read`,
      });
    const d = this.done;
    if (d && d.iterations !== this.iterations.length) {
      messages.push({
        level: 'warn',
        text: `the runner reports ${d.iterations} timed runs but ${this.iterations.length} iteration lines were read`,
      });
    }
    const testcases: TestcaseSummary[] = d
      ? [{ index: 0, totalMs: d.iterTotalMs, meanMs: d.meanMs, sdMs: d.sdMs, minMs: d.minMs, maxMs: d.maxMs }]
      : [];
    const complete =
      d !== null &&
      this.error === null &&
      (this.plannedIter === null || this.iterations.length === this.plannedIter);
    return {
      engine: 'onnxruntime',
      tool: { generation: 'onnxruntime', megbrain: null, megdnn: null, version: this.version },
      complete,
      phases: {
        loadMs: this.loadMs,
        configMs: this.configMs,
        warmupMs: [...this.warmupMs],
        inference: summarizeIterationTimes(this.iterations.map((i) => i.e2eMs)),
      },
      iterations: this.iterations.map((i) => ({ ...i })),
      testcases,
      totalMs: d ? d.totalMs : null,
      fitting: null,
      messages,
    };
  }

  private consume(buf: LineBuffer, text: string, key: StreamKey): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      if (buf.overflow) {
        buf.overflow = false;
      } else {
        this.line(buf.pending + piece, key);
      }
      buf.pending = '';
      start = nl + 1;
    }
    if (buf.overflow) return;
    buf.pending += text.slice(start);
    if (buf.pending.length > MAX_LINE) {
      this.line(buf.pending.slice(0, LINE_HEAD_KEPT), key);
      buf.pending = '';
      buf.overflow = true;
    }
  }

  private line(raw: string, key: StreamKey): void {
    const text = raw.replace(ANSI, '').replace(/\r$/, '').trim();
    if (text === '') return;
    if (text.startsWith('{')) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (
        value !== null &&
        typeof value === 'object' &&
        typeof (value as { event?: unknown }).event === 'string'
      ) {
        if (!this.event(value as Record<string, unknown>)) this.unreadable += 1;
        return;
      }
    }
    this.logLine(text, key);
  }

  /** Applies one event; false when it is malformed (wrong field types). */
  private event(e: Record<string, unknown>): boolean {
    switch (e.event) {
      case 'start':
        if (typeof e.ort === 'string') this.version = e.ort;
        if (isCount(e.iter)) this.plannedIter = e.iter;
        return true;
      case 'session': {
        if (!isMs(e.loadMs)) return false;
        this.loadMs = e.loadMs;
        const s = e as unknown as SessionEvent;
        if (isMs(s.optimizedModelSaveMs)) {
          this.configMs = s.optimizedModelSaveMs;
          this.note(
            'info',
            `optimised model saved: about ${fmt(s.optimizedModelSaveMs)} ms extra (session creation ${fmt(s.sessionWithSaveMs)} ms with the save, ${fmt(s.sessionWithoutSaveMs)} ms without)`,
          );
        }
        if (Array.isArray(s.inputs)) {
          const list = s.inputs.map(
            (i) =>
              `${String(i?.name)} ${String(i?.type ?? '')}[${Array.isArray(i?.shape) ? i.shape.join(',') : ''}]`,
          );
          this.note('info', `model inputs: ${list.join('; ')}`);
        }
        return true;
      }
      case 'inputs':
        if (Array.isArray(e.inputs)) {
          for (const i of e.inputs as Array<Record<string, unknown>>) {
            this.note(
              'info',
              `input ${String(i?.name)}: ${String(i?.type)} [${Array.isArray(i?.dims) ? i.dims.join(',') : ''}] from ${String(i?.source)}`,
            );
          }
        }
        // Notes on inputs say the runner chose something the user did not (a free dimension set to 1,
        // an override that matched nothing): the timed shape may not be the intended one, so warn.
        if (Array.isArray(e.notes)) for (const n of e.notes) this.note('warn', String(n));
        return true;
      case 'warmup':
        if (!isMs(e.ms)) return false;
        this.warmupMs.push(e.ms);
        return true;
      case 'iter': {
        if (!isMs(e.ms)) return false;
        const it: IterationTime = {
          testcase: 0,
          index: isCount(e.index) ? e.index : this.iterations.length,
          e2eMs: e.ms,
          hostMs: null,
          deviceMs: null,
        };
        this.iterations.push(it);
        try {
          this.onIteration?.({ ...it });
        } catch {
          // A listener's bug must not stop parsing.
        }
        return true;
      }
      case 'outputs':
        if (Array.isArray(e.outputs)) {
          for (const o of e.outputs as Array<Record<string, unknown>>) {
            const mean = typeof o?.mean === 'number' ? ` mean=${o.mean.toPrecision(6)}` : '';
            this.note(
              'info',
              `output ${String(o?.name)}: [${Array.isArray(o?.dims) ? o.dims.join(',') : ''}]${mean}`,
            );
          }
        }
        return true;
      case 'profile':
        if (typeof e.path !== 'string') return false;
        this.note('info', `profile written to ${e.path}`);
        return true;
      case 'done': {
        if (!isMs(e.totalMs) || !isCount(e.iterations) || !isMs(e.iterTotalMs)) return false;
        this.done = {
          event: 'done',
          totalMs: e.totalMs,
          iterations: e.iterations,
          iterTotalMs: e.iterTotalMs,
          meanMs: isMs(e.meanMs) ? e.meanMs : null,
          sdMs: isMs(e.sdMs) ? e.sdMs : null,
          minMs: isMs(e.minMs) ? e.minMs : null,
          maxMs: isMs(e.maxMs) ? e.maxMs : null,
          uptimeMs: isMs(e.uptimeMs) ? e.uptimeMs : 0,
        };
        return true;
      }
      case 'warning':
        if (typeof e.message !== 'string') return false;
        this.note('warn', e.message);
        return true;
      case 'error': {
        const message = typeof e.message === 'string' ? e.message : 'the runner reported an error';
        const code = typeof e.code === 'string' ? (e.code as OrtErrorCode) : 'internal';
        this.error ??= { code, message };
        this.note('error', message, true);
        return true;
      }
      default:
        // An event from a newer runner: ignore it rather than fail (the protocol only grows).
        return true;
    }
  }

  private logLine(text: string, key: StreamKey): void {
    const ort = ORT_LOG.exec(text);
    if (ort) {
      const level = ort[1] === 'W' ? 'warn' : ort[1] === 'E' || ort[1] === 'F' ? 'error' : 'info';
      this.note(level, `onnxruntime: ${ort[2]}`);
      return;
    }
    const fatal = /^(\w*Error\b|error\b|Segmentation fault|Aborted|terminate called|FATAL)/i.test(text);
    this.note(fatal ? 'error' : key === 'stderr' ? 'warn' : 'info', text, fatal);
  }

  private note(level: ToolMessage['level'], text: string, essential = false): void {
    // Errors beyond the cap are still kept: the cause of a failure must never be the line dropped.
    if (
      this.messages.length >= ORT_MESSAGE_CAP &&
      !(essential && this.messages.length < ORT_MESSAGE_CAP + 50)
    ) {
      this.droppedMessages += 1;
      return;
    }
    this.messages.push({ level, text });
  }
}

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const fmt = (v: unknown): string => (isMs(v) ? v.toFixed(3) : '?');

/**
 * The contract's inference summary from `stats.ts` (sample sd, as load_and_run's): one run has no
 * spread, and the contract's number gets 0 rather than NaN, like the load_and_run parser.
 */
export function summarizeIterationTimes(xs: readonly number[]): InferenceSummary | null {
  if (xs.length === 0) return null;
  const spread = sd(xs);
  return {
    meanMs: mean(xs),
    sdMs: Number.isNaN(spread) ? 0 : spread,
    minMs: min(xs),
    maxMs: max(xs),
    medianMs: median(xs),
    count: xs.length,
  };
}

/**
 * Our ONNX Runtime runner speaks JSON lines (one event per line, see runnerEvents.ts): right for the
 * parser, unreadable in a Log pane. This turns each event into the sentence a person would write;
 * a line that is not one of our events (a stack trace, ORT's own stderr) passes unchanged. The raw
 * lines stay in the record ("Open Raw Log"). English, like every tool's log.
 */
import { LineAssembler } from '../lar/lineAssembler';

type Json = Record<string, unknown>;

const ms = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(3)} ms` : '–');
const shape = (v: unknown): string => (Array.isArray(v) ? `[${v.join(',')}]` : '?');
const tensors = (v: unknown, key: 'shape' | 'dims'): string =>
  Array.isArray(v)
    ? v
        .map((t: Json) => `${String(t.name)} ${String(t.type ?? '')} ${shape(t[key])}`.replace(/\s+/g, ' '))
        .join(', ')
    : '';

export function readableOrtLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let e: Json;
  try {
    e = JSON.parse(line) as Json;
  } catch {
    return line;
  }
  switch (e.event) {
    case 'start':
      return `ONNX Runtime ${String(e.ort)} on Node ${String(e.node)} (${String(e.platform)}-${String(e.arch)}): ${String(e.model)}, ${String(e.warmupIter)} warm-up + ${String(e.iter)} timed runs`;
    case 'session':
      return `session created in ${ms(e.loadMs)}; inputs ${tensors(e.inputs, 'shape')}; outputs ${tensors(e.outputs, 'shape')}`;
    case 'inputs': {
      const notes = Array.isArray(e.notes) ? e.notes.map((n) => `\n  note: ${String(n)}`).join('') : '';
      const sources = Array.isArray(e.inputs)
        ? e.inputs.map((t: Json) => `${String(t.name)} ${shape(t.dims)} (${String(t.source)})`).join(', ')
        : '';
      return `input data: ${sources}${notes}`;
    }
    case 'warmup':
      return `warm-up ${Number(e.index) + 1}: ${ms(e.ms)}`;
    case 'iter':
      return `run ${Number(e.index) + 1}: ${ms(e.ms)}`;
    case 'outputs':
      return `outputs: ${tensors(e.outputs, 'dims')}`;
    case 'done':
      return `done: ${String(e.iterations)} timed runs, mean ${ms(e.meanMs)} ± ${ms(e.sdMs)} (min ${ms(e.minMs)}, max ${ms(e.maxMs)})`;
    case 'warning':
      return `warning: ${String(e.message)}`;
    case 'error':
      return `error: ${String(e.message)}`;
    default:
      return line;
  }
}

/** A chunk-by-chunk translator: feed it the runner's output, get readable whole lines back. */
export function readableOrtLog(onText: (text: string) => void): { push(chunk: string): void; end(): void } {
  const lines = new LineAssembler((line) => onText(`${readableOrtLine(line)}\n`));
  return { push: (chunk) => lines.push(chunk), end: () => lines.end() };
}

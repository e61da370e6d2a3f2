/**
 * MegEngine's `--profile FILE` JSON (GraphProfiler, `src/plugin/impl/profiler.cpp`) as an
 * `OperatorProfile`. The file has two sections:
 *   profiler.host / profiler.device   `{oprId: {compNode: {start, kern, end}}}` in seconds since the
 *                                     profiler started (host keyed by ""); one entry per operator:
 *                                     the profiler keeps the last execution only, so there is no
 *                                     spread (the real files' device times add up to one iteration)
 *   profiler.opr_footprint            `{oprId: {in_shapes, out_shapes, param, memory, computation}}`
 *   graph_exec.comp_seq               operator ids in execution order
 *   graph_exec.operator               `{oprId: {name, type, input, output}}`
 *   graph_exec.var                    `{varId: {mem_plan: {layout: {dtype}}}}` (only dtype is read)
 *   graph_exec.mem_chunk              `{chkId: {dev_ptr, size}}`: chunks share addresses (static
 *                                     memory reuse), so the footprint is the union of their ranges
 * An operator's time is `end - start` on its comp node(s), as MegEngine's `profile_analyze.py`
 * computes it by default (`--top-end-key end`). The rest of `var` is skipped.
 */
import type { EngineProfile } from '../../engine';
import { firstObjectKey, JsonSelector } from '../../profile/jsonSelector';
import {
  buildOperatorProfile,
  type OperatorProfile,
  type OperatorSample,
  type TimeStats,
} from '../../profile/operatorProfile';
import { ProfileFormatError } from '../../profile/profileFormatError';

const PATTERNS = [
  ['profiler', 'host', '*'],
  ['profiler', 'device', '*'],
  ['profiler', 'opr_footprint', '*'],
  ['graph_exec', 'comp_seq'],
  ['graph_exec', 'operator', '*'],
  ['graph_exec', 'var', '*', 'mem_plan', 'layout', 'dtype'],
  ['graph_exec', 'mem_chunk', '*'],
];

interface Span {
  start: number;
  end: number;
}
interface Footprint {
  inShapes: number[][];
  outShapes: number[][];
  format: string | null;
  memory: number | null;
}
interface OprInfo {
  name: string;
  type: string;
  output: string[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const shapes = (v: unknown): number[][] =>
  Array.isArray(v) ? v.filter(Array.isArray).map((s) => (s as unknown[]).map(Number)) : [];

/** `{compNode: {start, end}}` → one span per comp node. */
function spans(v: unknown): Array<Span & { node: string }> {
  if (!isRec(v)) return [];
  const out: Array<Span & { node: string }> = [];
  for (const [node, t] of Object.entries(v)) {
    if (isRec(t) && typeof t['start'] === 'number' && typeof t['end'] === 'number') {
      out.push({ node, start: t['start'], end: t['end'] });
    }
  }
  return out;
}

/** `CompNode("cpu0:0" from "xpux:0")` → `cpu0:0`. */
function compNodeName(raw: string): string {
  return /CompNode\("([^"]+)"/.exec(raw)?.[1] ?? raw;
}

/** Bytes covered by `[start, size]` ranges, overlaps counted once. */
function coveredBytes(ranges: Array<[number, number]>): number {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [start, size] of sorted) {
    const stop = start + size;
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

const single = (ms: number): TimeStats => ({ meanMs: ms, sdMs: null, minMs: ms, maxMs: ms });

export class LarProfileReader {
  private readonly host = new Map<string, Span[]>();
  private readonly device = new Map<string, Array<Span & { node: string }>>();
  private readonly footprint = new Map<string, Footprint>();
  private readonly operators = new Map<string, OprInfo>();
  private readonly dtypes = new Map<string, string>();
  private compSeq: string[] | null = null;
  private readonly chunks: Array<[number, number]> = [];
  private readonly selector = new JsonSelector(PATTERNS, (path, value) => this.take(path, value));

  write(chunk: string): void {
    this.selector.write(chunk);
  }

  private take(path: readonly string[], value: unknown): void {
    const [section, table, id] = path;
    if (section === 'profiler' && id !== undefined) {
      if (table === 'host') this.host.set(id, spans(value));
      else if (table === 'device') this.device.set(id, spans(value));
      else if (table === 'opr_footprint' && isRec(value)) {
        const param = isRec(value['param']) ? value['param'] : {};
        this.footprint.set(id, {
          inShapes: shapes(value['in_shapes']),
          outShapes: shapes(value['out_shapes']),
          format: typeof param['format'] === 'string' ? param['format'] : null,
          memory: typeof value['memory'] === 'number' ? value['memory'] : null,
        });
      }
    } else if (section === 'graph_exec') {
      if (table === 'comp_seq' && Array.isArray(value)) this.compSeq = value.map(String);
      else if (table === 'operator' && id !== undefined && isRec(value)) {
        this.operators.set(id, {
          name: typeof value['name'] === 'string' ? value['name'] : id,
          type: typeof value['type'] === 'string' ? value['type'] : 'unknown',
          output: Array.isArray(value['output']) ? value['output'].map(String) : [],
        });
      } else if (table === 'var' && id !== undefined && typeof value === 'string') this.dtypes.set(id, value);
      else if (table === 'mem_chunk' && isRec(value)) {
        const ptr = value['dev_ptr'];
        const size = value['size'];
        if (typeof ptr === 'number' && typeof size === 'number' && size > 0) this.chunks.push([ptr, size]);
      }
    }
  }

  finish(): OperatorProfile {
    this.selector.end();
    if (this.device.size === 0 && this.host.size === 0) {
      throw new ProfileFormatError(
        'no operator timings: the file has no profiler.device or profiler.host section (is it a load_and_run --profile file?)',
      );
    }
    // Execution order from comp_seq; operators timed but missing from it go last, in id order.
    const timed = new Set([...this.device.keys(), ...this.host.keys()]);
    const order = (this.compSeq ?? []).filter((id) => timed.has(id));
    const seen = new Set(order);
    const rest = [...timed]
      .filter((id) => !seen.has(id))
      .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    const notes = ['MegEngine keeps one execution per operator (the last run): no spread over executions.'];
    if (this.compSeq === null)
      notes.push('No graph_exec.comp_seq: operators are in id order, not execution order.');
    const hasDevice = this.device.size > 0;

    const samples: OperatorSample[] = [...order, ...rest].map((id, position) => {
      const info = this.operators.get(id);
      const fp = this.footprint.get(id);
      const dev = this.device.get(id) ?? [];
      const hst = this.host.get(id) ?? [];
      const devMs = dev.reduce((a, s) => a + (s.end - s.start) * 1000, 0);
      const hostMs = hst.reduce((a, s) => a + (s.end - s.start) * 1000, 0);
      const firstOut = info?.output[0];
      return {
        id,
        name: info?.name ?? `operator ${id}`,
        type: info?.type ?? 'unknown',
        position,
        inputShapes: fp?.inShapes ?? [],
        outputShapes: fp?.outShapes ?? [],
        dtype: firstOut !== undefined ? (this.dtypes.get(firstOut) ?? null) : null,
        layout: fp?.format ?? null,
        placement: dev.length > 0 ? dev.map((s) => compNodeName(s.node)).join(', ') : null,
        executions: 1,
        time: single(hasDevice ? devMs : hostMs),
        host: hst.length > 0 ? single(hostMs) : null,
        device: dev.length > 0 ? single(devMs) : null,
        memoryBytes: fp?.memory ?? null,
      };
    });
    return buildOperatorProfile({
      engine: 'load_and_run',
      clock: hasDevice ? 'device' : 'host',
      runs: 1,
      memoryChunks:
        this.chunks.length > 0 ? { count: this.chunks.length, bytes: coveredBytes(this.chunks) } : null,
      samples,
      notes,
    });
  }
}

/** load_and_run's profiles for the Engine contract: `{"profiler": ...}` or `{"graph_exec": ...}` first. */
export const larProfile: EngineProfile = {
  flag: 'profile',
  // --profile-host profiles too (host time, for backends such as OpenCL).
  flags: ['profile', 'profile-host'],
  detect: (head) => ['profiler', 'graph_exec'].includes(firstObjectKey(head) ?? ''),
  createReader: () => new LarProfileReader(),
  lastExecutionOnly: true,
  formatHint: 'load_and_run --profile JSON ({"profiler": ...})',
};

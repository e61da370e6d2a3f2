/**
 * ONNX Runtime's profile (`enableProfiling`: Chrome trace JSON, an array of `ph: "X"` events, or
 * `{traceEvents: [...]}`) as an `OperatorProfile`. Read from the real trace of the embedded engine:
 *   cat "Node", name "<node>_kernel_time", dur µs, args {op_name, provider, input_type_shape,
 *       output_type_shape, output_size}   one per execution of a node
 *   cat "Session", name "model_run"      one per session.run, written after its node events
 * Node events are folded into the run they precede, so the first `warmupRuns` runs (the runner's
 * `--warmup-iter`, whose first run pays one-time allocation) can be left out without holding any
 * event: memory is one run's nodes, not the trace. `_fence_before/_fence_after` events are not
 * kernel time and are skipped. The time is the host's wall clock around the kernel.
 */
import type { EngineProfile, ProfileReadOptions } from '../../engine';
import { firstObjectKey, JsonSelector } from '../../profile/jsonSelector';
import {
  buildOperatorProfile,
  RunningStats,
  type OperatorProfile,
  type OperatorSample,
} from '../../profile/operatorProfile';
import { ProfileFormatError } from '../../profile/profileFormatError';

const PATTERNS = [['*'], ['traceEvents', '*']];
const KERNEL_SUFFIX = '_kernel_time';

interface NodeInfo {
  type: string;
  position: number;
  placement: string | null;
  inputShapes: number[][];
  outputShapes: number[][];
  dtype: string | null;
  memoryBytes: number | null;
  stats: RunningStats;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `[{"float": [1, 3, 64, 64]}, ...]` → shapes and the first dtype. */
function typedShapes(v: unknown): { shapes: number[][]; dtype: string | null } {
  const shapes: number[][] = [];
  let dtype: string | null = null;
  if (!Array.isArray(v)) return { shapes, dtype };
  for (const item of v) {
    if (!isRec(item)) continue;
    const [t, s] = Object.entries(item)[0] ?? [];
    if (t !== undefined && dtype === null) dtype = t;
    shapes.push(Array.isArray(s) ? s.map(Number) : []);
  }
  return { shapes, dtype };
}

export type OrtProfileOptions = ProfileReadOptions;

export class OrtProfileReader {
  private readonly nodes = new Map<string, NodeInfo>();
  /** Node durations (ms) of the run in progress, folded in when its `model_run` event arrives. */
  private pending: Array<[string, number]> = [];
  private runsSeen = 0;
  private runsKept = 0;
  /** Warm-up runs, kept until a timed run arrives: a trace with only warm-up runs is still shown. */
  private warmBuckets: Array<Array<[string, number]>> = [];
  private events = 0;
  private gpuKernelEvents = 0;
  private readonly warmupRuns: number;
  private readonly selector = new JsonSelector(PATTERNS, (_path, value) => this.take(value));

  constructor(options: OrtProfileOptions = {}) {
    this.warmupRuns = Math.max(0, options.warmupRuns ?? 0);
  }

  write(chunk: string): void {
    this.selector.write(chunk);
  }

  private take(e: unknown): void {
    if (!isRec(e)) return;
    this.events++;
    const cat = e['cat'];
    const name = typeof e['name'] === 'string' ? e['name'] : '';
    if (cat === 'Session' && name === 'model_run') {
      this.closeRun();
      return;
    }
    if (cat === 'Kernel') this.gpuKernelEvents++;
    if (cat !== 'Node' || !name.endsWith(KERNEL_SUFFIX) || typeof e['dur'] !== 'number') return;
    const node = name.slice(0, -KERNEL_SUFFIX.length);
    if (!this.nodes.has(node)) {
      const args = isRec(e['args']) ? e['args'] : {};
      const inputs = typedShapes(args['input_type_shape']);
      const outputs = typedShapes(args['output_type_shape']);
      const outSize = Number(args['output_size']);
      this.nodes.set(node, {
        type: typeof args['op_name'] === 'string' ? args['op_name'] : 'unknown',
        position: this.nodes.size,
        placement: typeof args['provider'] === 'string' ? args['provider'] : null,
        inputShapes: inputs.shapes,
        outputShapes: outputs.shapes,
        dtype: inputs.dtype ?? outputs.dtype,
        memoryBytes: Number.isFinite(outSize) ? outSize : null,
        stats: new RunningStats(),
      });
    }
    this.pending.push([node, e['dur'] / 1000]);
  }

  private closeRun(): void {
    this.runsSeen++;
    if (this.runsSeen > this.warmupRuns) {
      this.warmBuckets = [];
      this.fold(this.pending);
    } else {
      this.warmBuckets.push(this.pending);
    }
    this.pending = [];
  }

  private fold(run: Array<[string, number]>): void {
    this.runsKept++;
    for (const [node, ms] of run) this.nodes.get(node)!.stats.add(ms);
  }

  finish(): OperatorProfile {
    this.selector.end();
    if (this.events === 0) throw new ProfileFormatError('no trace events: is it an ONNX Runtime profile?');
    const notes: string[] = [];
    if (this.pending.length > 0) {
      // Node events after the last model_run (a run cut short): count them as a run of their own.
      this.closeRun();
      notes.push('The trace ends inside a run: its operators are counted as one more run.');
    }
    if (this.runsKept === 0 && this.warmBuckets.length > 0) {
      // Only warm-up runs: better to show them (and say so) than nothing.
      for (const run of this.warmBuckets) this.fold(run);
      notes.push(`All ${this.runsSeen} runs are warm-up runs; they are shown, one-time costs included.`);
    } else if (this.warmupRuns > 0 && this.runsSeen > 0) {
      notes.push(`The first ${this.warmupRuns} of ${this.runsSeen} runs (warm-up) are left out.`);
    }
    if (this.runsKept === 0) throw new ProfileFormatError('no operator events (cat "Node") in this trace');
    if (this.gpuKernelEvents > 0) {
      notes.push(
        `${this.gpuKernelEvents} GPU kernel events are not attributed to operators; times are host-side.`,
      );
    }
    notes.push(
      'Executions within one run are not independent evidence: the spread shows jitter, not run-to-run noise.',
    );
    const samples: OperatorSample[] = [...this.nodes.entries()]
      .filter(([, n]) => n.stats.n > 0)
      .map(([id, n]) => {
        const time = n.stats.stats();
        return {
          id,
          name: id,
          type: n.type,
          position: n.position,
          inputShapes: n.inputShapes,
          outputShapes: n.outputShapes,
          dtype: n.dtype,
          layout: null,
          placement: n.placement,
          executions: n.stats.n,
          time,
          host: time,
          device: null,
          memoryBytes: n.memoryBytes,
        };
      });
    return buildOperatorProfile({
      engine: 'onnxruntime',
      clock: 'host',
      runs: this.runsKept,
      warmupRunsLeftOut: this.runsSeen - this.runsKept,
      samples,
      notes,
    });
  }
}

/** The runner's default `--warmup-iter` (catalog.ts); its profile includes those runs. */
const ORT_DEFAULT_WARMUP = 1;

/** ONNX Runtime's traces for the Engine contract: an array, or `{"traceEvents": [...]}`. */
export const ortProfile: EngineProfile = {
  flag: 'profile',
  flags: ['profile'],
  detect: (head) => head.startsWith('[') || firstObjectKey(head) === 'traceEvents',
  createReader: (options) => new OrtProfileReader(options),
  // The trace holds the warm-up runs too: leave out as many as the run asked for.
  readOptions: (flags) => {
    const w = Number(flags['warmup-iter'] ?? ORT_DEFAULT_WARMUP);
    return { warmupRuns: Number.isInteger(w) && w >= 0 ? w : ORT_DEFAULT_WARMUP };
  },
  lastExecutionOnly: false,
  formatHint: 'an ONNX Runtime trace ([{"cat": ...}])',
};

/**
 * One per-operator model for both engines: what each operator cost per model run, how that time
 * spread over its executions, and the same folded by operator type. The readers
 * (each engine's `profileReader.ts`) turn an engine's file into `OperatorSample`s; this
 * module owns the arithmetic (shares, per-run times, type sums) so both engines agree on it.
 */
import type { EngineId } from '../engine';

/** Spread of one operator's time over its executions; `sdMs` is null with a single execution. */
export interface TimeStats {
  meanMs: number;
  sdMs: number | null;
  minMs: number;
  maxMs: number;
}

/** What a reader knows about one operator before totals exist. */
export interface OperatorSample {
  /** Unique within the profile: MegEngine's operator id, ONNX Runtime's node name. */
  id: string;
  name: string;
  type: string;
  /** Order of first execution (0-based). */
  position: number;
  inputShapes: number[][];
  outputShapes: number[][];
  dtype: string | null;
  /** Tensor format where the engine says (MegEngine's `format` param: NCHW, NCHW88, ...). */
  layout: string | null;
  /** Where it ran: MegEngine's comp node, ONNX Runtime's execution provider. */
  placement: string | null;
  executions: number;
  /** The profile's main clock (see `OperatorProfile.clock`), per execution. */
  time: TimeStats;
  /** Host and device separately, when the engine reports both. */
  host: TimeStats | null;
  device: TimeStats | null;
  memoryBytes: number | null;
}

export interface OperatorTiming extends OperatorSample {
  /** Time per model run: mean × executions ÷ runs. */
  perRunMs: number;
  /** perRunMs ÷ the profile's total per run (0..1). */
  share: number;
}

export interface TypeAggregate {
  type: string;
  operators: number;
  executions: number;
  perRunMs: number;
  share: number;
  hostPerRunMs: number | null;
  devicePerRunMs: number | null;
}

export interface OperatorProfile {
  engine: EngineId;
  /** Which clock `time` is: MegEngine's comp-node (device) timer, or ONNX Runtime's host wall clock. */
  clock: 'device' | 'host';
  /** Model runs the times are spread over (warm-up runs left out). */
  runs: number;
  /** Warm-up runs found in the file and left out. */
  warmupRunsLeftOut: number;
  /** MegEngine's planned memory chunks (graph_exec.mem_chunk), when the profile lists them. */
  memoryChunks: { count: number; bytes: number } | null;
  /** Sum of every operator's per-run time. */
  perRunMs: number;
  hostPerRunMs: number | null;
  devicePerRunMs: number | null;
  /** In execution order. */
  operators: OperatorTiming[];
  /** Largest per-run time first. */
  byType: TypeAggregate[];
  /** Plain-language caveats about this profile (single sample, warm-up left out...). */
  notes: string[];
}

/** Welford's running mean and variance, so a long trace never holds its samples. */
export class RunningStats {
  n = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;

  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  stats(): TimeStats {
    if (this.n === 0) return { meanMs: 0, sdMs: null, minMs: 0, maxMs: 0 };
    return {
      meanMs: this.mean,
      sdMs: this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : null,
      minMs: this.min,
      maxMs: this.max,
    };
  }
}

function sumOrNull(values: Array<number | null>): number | null {
  return values.some((v) => v === null) || values.length === 0
    ? null
    : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

/** Shares, per-run times and the type table from the readers' samples. */
export function buildOperatorProfile(input: {
  engine: EngineId;
  clock: 'device' | 'host';
  runs: number;
  warmupRunsLeftOut?: number;
  memoryChunks?: { count: number; bytes: number } | null;
  samples: OperatorSample[];
  notes: string[];
}): OperatorProfile {
  const runs = Math.max(1, input.runs);
  const perRun = (s: TimeStats | null, executions: number): number | null =>
    s === null ? null : (s.meanMs * executions) / runs;
  const ordered = [...input.samples].sort((a, b) => a.position - b.position);
  const perRunTimes = ordered.map((s) => perRun(s.time, s.executions)!);
  const total = perRunTimes.reduce((a, v) => a + v, 0);
  const operators: OperatorTiming[] = ordered.map((s, i) => ({
    ...s,
    position: i,
    perRunMs: perRunTimes[i]!,
    share: total > 0 ? perRunTimes[i]! / total : 0,
  }));

  const groups = new Map<string, OperatorTiming[]>();
  for (const op of operators) {
    const list = groups.get(op.type) ?? [];
    list.push(op);
    groups.set(op.type, list);
  }
  const byType: TypeAggregate[] = [...groups.entries()].map(([type, ops]) => {
    const perRunMs = ops.reduce((a, o) => a + o.perRunMs, 0);
    return {
      type,
      operators: ops.length,
      executions: ops.reduce((a, o) => a + o.executions, 0),
      perRunMs,
      share: total > 0 ? perRunMs / total : 0,
      hostPerRunMs: sumOrNull(ops.map((o) => perRun(o.host, o.executions))),
      devicePerRunMs: sumOrNull(ops.map((o) => perRun(o.device, o.executions))),
    };
  });
  byType.sort((a, b) => b.perRunMs - a.perRunMs || a.type.localeCompare(b.type));

  return {
    engine: input.engine,
    clock: input.clock,
    runs,
    warmupRunsLeftOut: input.warmupRunsLeftOut ?? 0,
    memoryChunks: input.memoryChunks ?? null,
    perRunMs: total,
    hostPerRunMs: sumOrNull(operators.map((o) => perRun(o.host, o.executions))),
    devicePerRunMs: sumOrNull(operators.map((o) => perRun(o.device, o.executions))),
    operators,
    byType,
    notes: input.notes,
  };
}

/** The operators, largest per-run time first (ties in execution order). */
export function operatorsByTime(profile: OperatorProfile): OperatorTiming[] {
  return [...profile.operators].sort((a, b) => b.perRunMs - a.perRunMs || a.position - b.position);
}

/**
 * One run as one flat row of numbers: what `list`, the exports and the history view show. Derived
 * only from the record (never recomputed from the log), so every view agrees with the JSON file.
 */
import type { FlagSet } from '../engine';
import type { RunBasics } from './runHead';
import type { RunStatus } from './runRecord';

export interface RunSummaryRow {
  id: string;
  label: string;
  /** Start time, ISO 8601. */
  time: string;
  model: string;
  target: string;
  engine: string;
  /** The flags as `--name` / `--name=value`, sorted by name (the "key flags" of the run). */
  flags: string;
  command: string;
  status: RunStatus;
  loadMs: number | null;
  configMs: number | null;
  firstWarmupMs: number | null;
  meanMs: number | null;
  sdMs: number | null;
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  count: number | null;
  /** Coefficient of variation of the inference times (sd / mean), as a fraction. */
  cv: number | null;
}

/** The order of the columns in every export. */
export const SUMMARY_COLUMNS: ReadonlyArray<keyof RunSummaryRow> = [
  'id',
  'label',
  'time',
  'model',
  'target',
  'engine',
  'flags',
  'command',
  'status',
  'loadMs',
  'configMs',
  'firstWarmupMs',
  'meanMs',
  'sdMs',
  'medianMs',
  'minMs',
  'maxMs',
  'count',
  'cv',
];

const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

/** `{cpu: true, iter: 10, fast-run: false}` → `--cpu --iter=10` (false booleans are "not given"). */
export function flagsText(flags: FlagSet): string {
  return Object.keys(flags)
    .sort()
    .filter((name) => flags[name] !== false)
    .map((name) => (flags[name] === true ? `--${name}` : `--${name}=${String(flags[name])}`))
    .join(' ');
}

/** A head is enough: the row holds phases and statistics, never the iterations. */
export function summarizeRun(record: RunBasics): RunSummaryRow {
  const phases = record.result?.phases;
  const inf = phases?.inference ?? null;
  const mean = finite(inf?.meanMs);
  const sd = finite(inf?.sdMs);
  return {
    id: record.id,
    label: record.label ?? '',
    time: record.startedAt,
    model: record.model.path,
    target: record.target,
    engine: record.engine,
    flags: flagsText(record.flags),
    command: record.command,
    status: record.status,
    loadMs: finite(phases?.loadMs),
    configMs: finite(phases?.configMs),
    firstWarmupMs: finite(phases?.warmupMs[0]),
    meanMs: mean,
    sdMs: sd,
    medianMs: finite(inf?.medianMs),
    minMs: finite(inf?.minMs),
    maxMs: finite(inf?.maxMs),
    count: inf ? inf.count : null,
    cv: mean !== null && sd !== null && mean > 0 ? sd / mean : null,
  };
}

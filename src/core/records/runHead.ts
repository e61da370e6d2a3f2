/**
 * A run's head: the record without its iterations (their count kept) and without an inline log
 * (whether it had one kept). It is what every listing needs — the Models view, `list`, `export`,
 * id resolution for `compare` — and what the persistent summary cache (runsCache.ts) stores, so a
 * folder of 10,000 runs lists without reading 10,000 files. A distinct type on purpose: code that
 * needs the iterations or the log cannot be handed a head by mistake (it does not type-check), and
 * reads the full record on demand (`RecordStore.readFull`).
 */
import type { ParsedResult } from '../engine';
import type { RunRecord } from './runRecord';

/** The parsed result without `iterations`; `iterationCount` says how many the record holds. */
export interface HeadResult extends Omit<ParsedResult, 'iterations'> {
  iterationCount: number;
}

export interface RunHead extends Omit<RunRecord, 'result' | 'log'> {
  result: HeadResult | null;
  /** The record holds its log inline (`log` non-null): `RecordStore.readLog` reads the file for it. */
  inlineLog: boolean;
}

/**
 * What a full record and a head both carry: everything a row, a tree item or a tooltip shows.
 * Functions that need no more (summarizeRun, distinguishRuns, the tree items) take this, so they
 * accept either.
 */
export type RunBasics = Omit<RunRecord, 'result' | 'log'> & {
  result: Omit<ParsedResult, 'iterations'> | null;
};

export function headOf(record: RunRecord): RunHead {
  return headCounting(record, record.result?.iterations.length ?? 0);
}

/**
 * The head of a record read without its iterations (recordFile.ts `iterations: 'count'`), which
 * holds `iterationCount` of them. (Not an optional parameter of headOf: `records.map(headOf)` would
 * pass the array index as the count.)
 */
export function headCounting(record: RunRecord, iterationCount: number): RunHead {
  const { result, log, ...rest } = record;
  if (!result) return { ...rest, result: null, inlineLog: log !== null };
  const { iterations: _iterations, ...summary } = result;
  return { ...rest, result: { ...summary, iterationCount }, inlineLog: log !== null };
}

/** A head or a full record: which one (a full record has a `log` field, null or not). */
export function isFullRecord(run: RunHead | RunRecord): run is RunRecord {
  return 'log' in run;
}

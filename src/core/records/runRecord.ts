/**
 * The run record: one JSON file per run under `.lar-explorer/runs/`, schema-versioned. This file is
 * the shape only; `recordStore.ts` reads and writes them.
 */
import type { EngineId, FlagSet, ParsedResult, RunStatus } from '../engine';
import type { DeviceFacts } from '../runners/deviceFacts';
import type { Artifact, RunnerErrorCode } from '../runners/runner';

export type { DeviceFacts } from '../runners/deviceFacts';

/**
 * The version new records are written in. Schema 2 (issue #15) keeps the iterations in columns
 * (`iterationColumns.ts`), or past `INLINE_ITERATIONS_LIMIT` in a CSV table beside the record;
 * schema 1 kept one JSON object per iteration. Both read into the same in-memory shape below.
 */
export const RECORD_SCHEMA_VERSION = 2;

/** Versions this build reads: a schema-1 file is read as it is and never rewritten in schema 2. */
export type RecordSchemaVersion = 1 | typeof RECORD_SCHEMA_VERSION;

export type { RunStatus } from '../engine';

export interface RunRecord {
  /** The file's version (in memory the shape is the same for every version). */
  schema: RecordSchemaVersion;
  id: string;
  /** User-given label (rename). */
  label?: string;
  startedAt: string;
  endedAt?: string;
  /** Model path relative to the workspace root when inside it, else absolute. */
  model: { path: string; sha256: string | null; bytes?: number };
  engine: EngineId;
  /** `local` or the ssh destination. */
  target: string;
  flags: FlagSet;
  /** The exact command, shell-quoted for pasting. */
  command: string;
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  status: RunStatus;
  /** Plain-language reason when not ok (English). */
  reason?: string;
  /** The same reason in Simplified Chinese, when the engine gave one that differs. */
  reasonZh?: string;
  /** Set when the run could not start (binary missing, host unreachable...): lets the UI offer the fix. */
  runnerError?: { code: RunnerErrorCode; hint: string };
  result: ParsedResult | null;
  /** The raw log (stdout+stderr as received), or null when kept in `logFile`. */
  log: string | null;
  /** Sibling log file name when the log is too large to inline. */
  logFile?: string;
  artifacts?: Artifact[];
  host: {
    tool: string; // `lar-explorer 0.1.0`
    /** `warnings`: changes between before and after that spoil the numbers (governor, throttling, load). */
    device?: { before?: DeviceFacts; after?: DeviceFacts; warnings?: string[] };
  };
  /** The user marked this run as the baseline for its model. */
  baseline?: boolean;
  /** Set on runs made by a study (issue #10): which study, round and candidate. Absent otherwise. */
  study?: StudyRunTag;
  /**
   * In memory only (the file says it under `result.iterations.file`): the iterations came from, or
   * were saved to, this table beside the record (`iterationsTable.ts`). `result.iterations` holds them all.
   */
  iterationsFile?: string;
  /**
   * In memory only: the iterations table could not be read (missing, truncated, edited); then
   * `result.iterations` is empty for this reason, while the inline statistics are intact.
   */
  iterationsProblem?: string;
}

export interface StudyRunTag {
  id: string;
  round: number;
  candidate: string;
  /**
   * `preparation`: the one-time step (algo cache, layout dump) whose cost is kept apart; `profile`:
   * a closing run with profiling on (slowed: never in the study's statistics).
   */
  role: 'baseline' | 'candidate' | 'preparation' | 'profile';
  /** The baseline runs twice per round: `a` and `b` are its A/A pair. */
  slot?: 'a' | 'b' | 'only';
}

/**
 * The run record: one JSON file per run under `.lar-explorer/runs/`, schema-versioned. This file is
 * the shape only; `recordStore.ts` reads and writes them.
 */
import type { EngineId, FlagSet, ParsedResult, RunStatus } from '../engine';
import type { DeviceFacts } from '../runners/deviceFacts';
import type { Artifact, RunnerErrorCode } from '../runners/runner';

export type { DeviceFacts } from '../runners/deviceFacts';

export const RECORD_SCHEMA_VERSION = 1;

export type { RunStatus } from '../engine';

export interface RunRecord {
  schema: typeof RECORD_SCHEMA_VERSION;
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

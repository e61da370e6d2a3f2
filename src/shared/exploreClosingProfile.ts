/**
 * The Explore panel's "where the difference comes from" (issue #13 item 5): the diff of the
 * baseline's and the winner's profiled runs after a study's verdict, already formatted by the
 * host. Kept apart from `exploreProtocol.ts`, which refers to it.
 */

export interface ClosingProfileView {
  state: 'running' | 'ok' | 'failed' | 'skipped';
  /** `Where the difference comes from: defaults → fast-run` (or what is happening / why not). */
  headline: string;
  /** `0.140 ms → 0.112 ms per run: −0.028 ms (×0.80), device clock`. */
  detail: string;
  /** By operator type, largest first; with `rest` they add up to the total difference. */
  lines: Array<{ label: string; deltaText: string; shareText: string }>;
  /** The operators that moved most. */
  operators: Array<{ name: string; type: string; deltaText: string }>;
  /** Profiling slows the runs: they are not part of the verdict. */
  note: string;
  /** "Open the operator diff" (the two runs in the Compare panel); absent when the runs are not known. */
  diffLabel?: string;
}

/**
 * The statistics of a study, with the run as the unit of evidence (never the iterations of a run).
 *
 * Method (also written into every study record, `STUDY_METHOD`):
 * - In each round the baseline runs twice (a, b). Its reference value for the round is the
 *   geometric mean of a and b. A candidate's per-round evidence is log(value / reference).
 * - Across rounds, the ratio is exp(mean log-ratio) (a geometric-mean ratio) and its interval is a
 *   Student-t interval on the per-round log-ratios. The interval is simultaneous: Bonferroni over
 *   the study's m candidates, and a Pocock group-sequential boundary over the rounds at which the
 *   study may look and stop, so "95%" holds for all candidates at once and for stopping early.
 * - The noise floor is measured from the A/A pairs: sd of log(a/b) over the rounds (its mean is 0
 *   by construction, the order of a and b being shuffled), and the 95% band exp(±t·sd) that the
 *   ratio of two single identical runs falls in on this target right now.
 * - Verdicts need at least MIN_VERDICT_ROUNDS rounds: `faster` when the interval lies below 1,
 *   `slower` above 1, `within-noise` otherwise.
 */
import { studentTQuantile } from '../distributions';
import type { NoiseFloor, RatioEstimate } from './studyTypes';

/** Fewest rounds that can give a verdict (2 rounds leave 1 degree of freedom: t = 12.7). */
export const MIN_VERDICT_ROUNDS = 3;
/** Racing (dropping candidates, stopping when settled) starts at this round. */
export const RACING_FROM_ROUND = 3;
/** Runners-up whose interval against the best lies within ±2% count as settled-equivalent. */
export const EQUIVALENCE_MARGIN = 0.02;
/** Looks assumed when only a wall-time budget bounds the rounds. */
export const LOOKS_WITHOUT_ROUND_LIMIT = 20;
export const FAMILY_ALPHA = 0.05;

export const STUDY_METHOD =
  'Run is the unit: per round, candidate value / geometric mean of the two baseline runs; ratio = ' +
  'geometric mean of the per-round ratios; interval = Student-t on per-round log-ratios, simultaneous ' +
  '95% (Bonferroni over candidates, Pocock boundary over the rounds the study may stop at); noise ' +
  'floor = 95% band of log(A/A) of the baseline pairs; verdicts from round 3.';

// Pocock's nominal two-sided levels for an overall 0.05 with K equally spaced looks.
const POCOCK: Array<[number, number]> = [
  [1, 0.05],
  [2, 0.0294],
  [3, 0.0221],
  [4, 0.0182],
  [5, 0.0158],
  [6, 0.0142],
  [8, 0.012],
  [10, 0.0106],
  [15, 0.0086],
  [20, 0.0075],
];

/** Nominal per-look alpha for K looks (interpolated on Pocock's table, family alpha 0.05). */
export function pocockAlpha(looks: number): number {
  const k = Math.max(1, looks);
  if (k >= 20) return POCOCK[POCOCK.length - 1][1];
  for (let i = 1; i < POCOCK.length; i++) {
    const [k1, a1] = POCOCK[i];
    const [k0, a0] = POCOCK[i - 1];
    if (k <= k1) return a0 + ((k - k0) / (k1 - k0)) * (a1 - a0);
  }
  return POCOCK[POCOCK.length - 1][1];
}

/** Two-sided alpha of each candidate's interval: family 0.05 over m candidates and the study's looks. */
export function decisionAlpha(candidates: number, maxRounds: number | undefined): number {
  const looks = maxRounds === undefined ? LOOKS_WITHOUT_ROUND_LIMIT : maxRounds - RACING_FROM_ROUND + 1;
  return (pocockAlpha(looks) * (FAMILY_ALPHA / 0.05)) / Math.max(1, candidates);
}

/** exp(mean) with a t interval on log-ratios; null below 2 rounds. */
export function ratioFromLogs(logs: number[], alpha: number): RatioEstimate | null {
  const n = logs.length;
  if (n === 0) return null;
  const m = logs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { ratio: Math.exp(m), lo: 0, hi: Number.POSITIVE_INFINITY, rounds: n };
  const v = logs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  const half = (studentTQuantile(1 - alpha / 2, n - 1) * Math.sqrt(v)) / Math.sqrt(n);
  return { ratio: Math.exp(m), lo: Math.exp(m - half), hi: Math.exp(m + half), rounds: n };
}

/** The 95% band of the ratio of two identical single runs, from the A/A log-ratios; null below 2 pairs. */
export function noiseFloorFrom(aaLogs: number[]): NoiseFloor | null {
  const n = aaLogs.length;
  if (n < 2) return null;
  // Mean known to be 0 (a and b are the same settings in a shuffled order): n degrees of freedom.
  const sdLog = Math.sqrt(aaLogs.reduce((a, d) => a + d * d, 0) / n);
  const half = studentTQuantile(0.975, n) * sdLog;
  return { lo: Math.exp(-half), hi: Math.exp(half), pairs: n, sdLog };
}

export type PlainVerdict = 'faster' | 'slower' | 'within-noise';

export function verdictOf(estimate: RatioEstimate | null): PlainVerdict {
  if (!estimate || estimate.rounds < MIN_VERDICT_ROUNDS) return 'within-noise';
  if (estimate.hi < 1) return 'faster';
  if (estimate.lo > 1) return 'slower';
  return 'within-noise';
}

/** The interval of c/best lies within ±EQUIVALENCE_MARGIN: nothing left to learn about c. */
export function isEquivalent(estimate: RatioEstimate): boolean {
  return (
    estimate.rounds >= MIN_VERDICT_ROUNDS &&
    estimate.lo >= 1 / (1 + EQUIVALENCE_MARGIN) &&
    estimate.hi <= 1 + EQUIVALENCE_MARGIN
  );
}

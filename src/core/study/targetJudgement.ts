/**
 * Judging one target after a round: every candidate's ratio to the baseline (paired by round), the
 * noise floor from the A/A pairs, verdicts, break-even, and the racing decisions (drop a candidate
 * surely slower than the best by more than the noise floor; settled when nothing is left to learn).
 * Pure: the scheduler feeds it what the rounds measured and acts on what it returns.
 */
import { breakEvenOf } from './breakEven';
import type { RunMeasures } from './runMeasures';
import {
  isEquivalent,
  MIN_VERDICT_ROUNDS,
  noiseFloorFrom,
  RACING_FROM_ROUND,
  ratioFromLogs,
  verdictOf,
} from './studyStatistics';
import type { FlagSet } from '../engine';
import type { NoiseFloor, RankingEntry, RatioEstimate, RoundStatistics } from './studyTypes';

export interface RoundObservations {
  round: number;
  /** The baseline's A/A pair. */
  a?: RunMeasures;
  b?: RunMeasures;
  byCandidate: Record<string, RunMeasures>;
}

export interface CandidateState {
  label: string;
  flags: FlagSet;
  status: 'live' | 'dropped' | 'failed';
  reason?: string;
  preparationMs: number;
  command?: string;
}

export interface Judgement {
  ranking: RankingEntry[];
  noiseFloor: NoiseFloor | null;
  best: string;
  /** Candidates racing drops now. */
  drops: Array<{ label: string; reason: string }>;
  settled: boolean;
  rounds: RoundStatistics[];
}

type Measure = 'value' | 'meanMs' | 'oneTimeMs';

/** The baseline's value in a round: geometric mean of its pair (or the one run that worked). */
function baselineOf(r: RoundObservations, m: Measure): number | null {
  if (r.a && r.b) return m === 'oneTimeMs' ? (r.a[m] + r.b[m]) / 2 : Math.sqrt(r.a[m] * r.b[m]);
  return (r.a ?? r.b)?.[m] ?? null;
}

function valueOf(r: RoundObservations, label: string, baseline: string, m: Measure): number | null {
  return label === baseline ? baselineOf(r, m) : (r.byCandidate[label]?.[m] ?? null);
}

function pairedLogs(
  rounds: RoundObservations[],
  num: string,
  den: string,
  baseline: string,
  m: Measure,
): number[] {
  const out: number[] = [];
  for (const r of rounds) {
    const x = valueOf(r, num, baseline, m);
    const y = valueOf(r, den, baseline, m);
    if (x !== null && y !== null && x > 0 && y > 0) out.push(Math.log(x / y));
  }
  return out;
}

function fmt(x: number): string {
  return `×${x.toFixed(x >= 10 ? 1 : 3)}`;
}

export function judgeTarget(
  baseline: string,
  candidates: CandidateState[],
  rounds: RoundObservations[],
  alpha: number,
  racing: boolean,
  /**
   * The per-inference statistic break-even weighs: the objective's own (mean, median, p90), or the
   * mean when the objective is a cost (which already holds the one-time part).
   */
  perInference: 'value' | 'meanMs' = 'meanMs',
): Judgement {
  const aa = rounds.filter((r) => r.a && r.b).map((r) => Math.log(r.a!.value / r.b!.value));
  const noiseFloor = noiseFloorFrom(aa);
  const estimates = new Map<string, RatioEstimate | null>();
  for (const c of candidates) {
    estimates.set(
      c.label,
      c.label === baseline
        ? { ratio: 1, lo: 1, hi: 1, rounds: rounds.filter((r) => baselineOf(r, 'value') !== null).length }
        : ratioFromLogs(pairedLogs(rounds, c.label, baseline, baseline, 'value'), alpha),
    );
  }

  const live = candidates.filter((c) => c.status === 'live' && estimates.get(c.label));
  const best = live.reduce<string>((b, c) => {
    const rc = estimates.get(c.label)!.ratio;
    return rc < estimates.get(b)!.ratio ? c.label : b;
  }, baseline);

  const drops: Judgement['drops'] = [];
  const equivalent = new Set<string>();
  let settled = racing && noiseFloor !== null && rounds.length >= RACING_FROM_ROUND;
  for (const c of live) {
    if (c.label === best) continue;
    const vsBest = ratioFromLogs(pairedLogs(rounds, c.label, best, baseline, 'value'), alpha);
    if (!vsBest || vsBest.rounds < MIN_VERDICT_ROUNDS) {
      settled = false;
      continue;
    }
    if (vsBest.lo <= 1 && vsBest.hi >= 1) equivalent.add(c.label);
    if (!racing || rounds.length < RACING_FROM_ROUND || !noiseFloor) continue;
    if (c.label !== baseline && vsBest.lo > noiseFloor.hi) {
      drops.push({
        label: c.label,
        reason:
          `round ${rounds[rounds.length - 1].round}: slower than ${best} by ${fmt(vsBest.lo)}–${fmt(vsBest.hi)}, ` +
          `beyond the noise floor (${fmt(noiseFloor.hi)})`,
      });
      continue;
    }
    if (!(vsBest.lo > 1 || isEquivalent(vsBest))) settled = false;
  }
  const dropped = new Set(drops.map((d) => d.label));

  const ranking: RankingEntry[] = candidates.map((c) => {
    const estimate = estimates.get(c.label) ?? null;
    const status = dropped.has(c.label) ? 'dropped' : c.status;
    const verdict =
      status === 'failed'
        ? 'failed'
        : status === 'dropped'
          ? 'dropped'
          : c.label === baseline
            ? 'baseline'
            : verdictOf(estimate);
    const entry: RankingEntry = {
      label: c.label,
      flags: c.flags,
      estimate,
      verdict,
      rounds: rounds.filter((r) => valueOf(r, c.label, baseline, 'value') !== null).length,
      breakEven: c.label === baseline ? null : breakEvenFor(rounds, c, baseline, alpha, perInference),
      ...(c.command ? { command: c.command } : {}),
    };
    const reason = dropped.has(c.label) ? drops.find((d) => d.label === c.label)!.reason : c.reason;
    if (reason) entry.reason = reason;
    if (equivalent.has(c.label) && status === 'live') entry.equivalentToBest = true;
    return entry;
  });
  ranking.sort(rankOrder);

  return {
    ranking,
    noiseFloor,
    best,
    drops,
    settled,
    rounds: rounds.map((r) => ({
      round: r.round,
      aaLogRatio: r.a && r.b ? Math.log(r.a.value / r.b.value) : null,
      ratios: Object.fromEntries(
        candidates
          .filter((c) => c.label !== baseline)
          .flatMap((c) => {
            const x = valueOf(r, c.label, baseline, 'value');
            const y = baselineOf(r, 'value');
            return x !== null && y !== null ? [[c.label, x / y]] : [];
          }),
      ),
    })),
  };
}

function breakEvenFor(
  rounds: RoundObservations[],
  c: CandidateState,
  baseline: string,
  alpha: number,
  perInference: 'value' | 'meanMs',
) {
  const meanRatio = ratioFromLogs(pairedLogs(rounds, c.label, baseline, baseline, perInference), alpha);
  if (!meanRatio) return null;
  const usable = rounds.filter((r) => r.byCandidate[c.label] && baselineOf(r, perInference) !== null);
  const baseMean = usable.reduce((a, r) => a + baselineOf(r, perInference)!, 0) / usable.length;
  const delta =
    usable.reduce((a, r) => a + r.byCandidate[c.label].oneTimeMs - baselineOf(r, 'oneTimeMs')!, 0) /
    usable.length;
  return breakEvenOf(baseMean, meanRatio, delta, c.preparationMs);
}

const VERDICT_ORDER: Record<string, number> = { dropped: 1, failed: 2 };

/** Alive candidates (baseline included) by ratio, then dropped, then failed. */
function rankOrder(x: RankingEntry, y: RankingEntry): number {
  const gx = VERDICT_ORDER[x.verdict] ?? 0;
  const gy = VERDICT_ORDER[y.verdict] ?? 0;
  if (gx !== gy) return gx - gy;
  const rx = x.estimate?.ratio ?? Number.POSITIVE_INFINITY;
  const ry = y.estimate?.ratio ?? Number.POSITIVE_INFINITY;
  return rx - ry;
}

/**
 * Break-even: after how many inferences in one process a candidate's one-time cost (load +
 * configuration + warm-ups, plus a preparation step) is paid back by its per-inference gain.
 * The guide's central trade-off: fast-run adds ~1.8 s of warm-up to save ~1.3 ms per inference.
 * The gain's interval is carried through: the lower end of the gain gives the later break-even.
 */
import type { BreakEven, RatioEstimate } from './studyTypes';

/** Inferences until the candidate is cheaper: 0 = immediately, null = never. */
export function inferencesToBreakEven(oneTimeMs: number, gainMs: number): number | null {
  if (gainMs > 0) return oneTimeMs <= 0 ? 0 : Math.ceil(oneTimeMs / gainMs);
  // No per-inference gain: cheaper from the start only when it also costs less once and loses nothing per inference.
  if (gainMs === 0 && oneTimeMs <= 0) return 0;
  return null;
}

/**
 * @param baselineMeanMs the baseline's inference mean (ms)
 * @param meanRatio the candidate's inference-mean ratio to the baseline, with its interval
 * @param oneTimeDeltaMs candidate minus baseline one-time cost per process (ms)
 * @param preparationMs the candidate's preparation cost (ms), paid once
 */
export function breakEvenOf(
  baselineMeanMs: number,
  meanRatio: RatioEstimate,
  oneTimeDeltaMs: number,
  preparationMs: number,
): BreakEven {
  const oneTimeMs = oneTimeDeltaMs + preparationMs;
  const gainMs = baselineMeanMs * (1 - meanRatio.ratio);
  // A larger ratio is a smaller gain: the interval's ends swap.
  const gainLoMs = baselineMeanMs * (1 - meanRatio.hi);
  const gainHiMs = baselineMeanMs * (1 - meanRatio.lo);
  // A gain the interval cannot tell from zero pays nothing back for sure: "never", with the
  // optimistic end still given in `lo`.
  const measurable = gainLoMs > 0;
  return {
    inferences: measurable ? inferencesToBreakEven(oneTimeMs, gainMs) : null,
    lo: inferencesToBreakEven(oneTimeMs, gainHiMs),
    hi: inferencesToBreakEven(oneTimeMs, gainLoMs),
    oneTimeMs,
    preparationMs,
    gainMs,
    gainLoMs,
    gainHiMs,
  };
}

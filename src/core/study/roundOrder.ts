/**
 * The order of one round: every live candidate once and the baseline twice (its A/A pair), shuffled
 * by a generator seeded from the study's seed, the target and the round, so the same seed replays
 * the same schedule and two targets do not march in step. Interleaving spreads drift and sudden
 * steps over all candidates instead of charging them to whichever ran last.
 */
import { mulberry32 } from '../seededRandom';

export interface RoundSlot {
  candidate: string;
  slot: 'a' | 'b' | 'only';
}

/** Mix three integers into one 32-bit seed (splitmix-style), so nearby rounds get unrelated streams. */
export function roundSeed(seed: number, targetIndex: number, round: number): number {
  let h = (seed ^ Math.imul(targetIndex + 1, 0x9e3779b1) ^ Math.imul(round + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function roundOrder(
  seed: number,
  targetIndex: number,
  round: number,
  live: string[],
  baseline: string,
): RoundSlot[] {
  const slots: RoundSlot[] = [
    { candidate: baseline, slot: 'a' },
    { candidate: baseline, slot: 'b' },
    ...live.filter((l) => l !== baseline).map((candidate) => ({ candidate, slot: 'only' as const })),
  ];
  const random = mulberry32(roundSeed(seed, targetIndex, round));
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots;
}

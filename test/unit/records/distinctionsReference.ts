/**
 * The first, quadratic `distinguishRuns` (before issue #15), kept as the reference the linear one
 * must match: the unit test compares their outputs on random sibling sets, bench:host times both.
 */
import type { FlagSet } from '../../../src/core/engine';
import { shortFlag, type RunDistinction } from '../../../src/core/records/runDistinctions';
import type { RunRecord } from '../../../src/core/records/runRecord';

function tokens(flags: FlagSet): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of Object.keys(flags).sort()) {
    const v = flags[name];
    if (v === false || v === undefined) continue;
    out.set(name, v === true ? `--${name}` : `--${name}=${String(v)}`);
  }
  return out;
}

export function distinguishRunsQuadratic(records: readonly RunRecord[]): Map<string, RunDistinction> {
  const sets = records.map((r) => tokens(r.flags));
  const allTokens = new Set(sets.flatMap((s) => [...s.values()]));
  const common = new Set([...allTokens].filter((t) => sets.every((s) => [...s.values()].includes(t))));
  const allNames = new Set(sets.flatMap((s) => [...s.keys()]));
  const targets = new Set(records.map((r) => r.target));
  const out = new Map<string, RunDistinction>();
  records.forEach((r, i) => {
    const mine = sets[i]!;
    out.set(r.id, {
      only: [...mine.values()].filter((t) => !common.has(t)).map(shortFlag),
      lacks: [...allNames].filter((n) => !mine.has(n)).map((n) => `--${n}`),
      ...(targets.size > 1 ? { target: r.target } : {}),
    });
  });
  return out;
}

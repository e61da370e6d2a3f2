/**
 * What tells sibling runs (the runs of one model) apart, for a label that fits a side bar: the flags
 * a run has that not every sibling shares, the flags others have and it lacks, and the target when
 * the siblings ran on more than one. Flags all siblings share say nothing and are left to the
 * tooltip, which keeps the full command.
 */
import type { FlagSet } from '../engine';
import type { RunRecord } from './runRecord';

export interface RunDistinction {
  /** Flags of this run not shared by every sibling, short form (`level=all`, `--fast-run`). */
  only: string[];
  /** Flags some sibling has and this run does not give at all (short form, name only). */
  lacks: string[];
  /** The run's target, when the siblings ran on more than one. */
  target?: string;
}

/** `{iter: 50, 'fast-run': true, cpu: false}` → `['--fast-run', '--iter=50']` (false means "not given"). */
function tokens(flags: FlagSet): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of Object.keys(flags).sort()) {
    const v = flags[name];
    if (v === false || v === undefined) continue;
    out.set(name, v === true ? `--${name}` : `--${name}=${String(v)}`);
  }
  return out;
}

/**
 * A flag as short as it can be and still be read: booleans keep their name (`--fast-run`); a
 * valued flag keeps the last word of its name and the value (`--graph-optimization-level=all` →
 * `level=all`), since the value is what differs and a long name would push it out of sight.
 */
export function shortFlag(token: string): string {
  const eq = token.indexOf('=');
  if (eq < 0) return token;
  const name = token.slice(2, eq);
  return `${name.slice(name.lastIndexOf('-') + 1)}=${token.slice(eq + 1)}`;
}

/**
 * For each run (by id), what sets it apart from its siblings. Linear in the runs × their flags: a
 * token is common when it occurs in every run, counted once per run (a run's tokens are unique, one
 * per flag name), so a model with thousands of runs costs one pass, not a scan of every run per token.
 */
export function distinguishRuns(
  records: ReadonlyArray<Pick<RunRecord, 'id' | 'flags' | 'target'>>,
): Map<string, RunDistinction> {
  const sets = records.map((r) => tokens(r.flags));
  const occurrences = new Map<string, number>();
  const allNames = new Set<string>();
  for (const s of sets) {
    for (const [name, token] of s) {
      occurrences.set(token, (occurrences.get(token) ?? 0) + 1);
      allNames.add(name);
    }
  }
  const names = [...allNames];
  const targets = new Set(records.map((r) => r.target));
  const out = new Map<string, RunDistinction>();
  records.forEach((r, i) => {
    const mine = sets[i]!;
    out.set(r.id, {
      only: [...mine.values()].filter((t) => occurrences.get(t) !== records.length).map(shortFlag),
      lacks: names.filter((n) => !mine.has(n)).map((n) => `--${n}`),
      ...(targets.size > 1 ? { target: r.target } : {}),
    });
  });
  return out;
}

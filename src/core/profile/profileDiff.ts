/**
 * What changed between two profiles of the same model: operators matched by name, then (for the
 * ones a layout transform or a fusion renamed) by type and relative position; the rest listed as
 * inserted or removed. Per-operator and per-type delta and ratio, and a "where the difference comes
 * from" summary whose lines add up to the total difference exactly.
 *
 * Noise: each side is one run, so there is no run-to-run spread here. When both sides report a
 * spread over executions, a delta smaller than that jitter is flagged `withinJitter`: it cannot be
 * told from noise. A larger delta is not thereby proven (executions of one run are not independent).
 */
import type { OperatorProfile, OperatorTiming } from './operatorProfile';

export type MatchKind = 'name' | 'type-position' | 'inserted' | 'removed';

export interface OperatorDelta {
  /** The after side's name (the before side's when removed). */
  name: string;
  beforeName: string | null;
  type: string;
  match: MatchKind;
  before: OperatorTiming | null;
  after: OperatorTiming | null;
  beforeMs: number;
  afterMs: number;
  deltaMs: number;
  /** after ÷ before; null when before is 0 or absent. */
  ratio: number | null;
  /** deltaMs ÷ the total difference; null when the total difference is 0. */
  shareOfDifference: number | null;
  /** True when |delta| is within both sides' spread over executions; null when a side has none. */
  withinJitter: boolean | null;
}

export interface TypeDelta {
  type: string;
  beforeMs: number;
  afterMs: number;
  deltaMs: number;
  ratio: number | null;
  shareOfDifference: number | null;
}

/** One line of "where the difference comes from"; the lines' deltaMs sum to `ProfileDiff.deltaMs`. */
export interface DiffContribution {
  kind: 'type' | 'inserted' | 'removed' | 'other';
  /** The operator type (kind `type`), else null. */
  type: string | null;
  operators: number;
  deltaMs: number;
  shareOfDifference: number | null;
}

export interface ProfileDiff {
  beforeMs: number;
  afterMs: number;
  deltaMs: number;
  ratio: number | null;
  /** Largest |delta| first. */
  operators: OperatorDelta[];
  byType: TypeDelta[];
  inserted: OperatorDelta[];
  removed: OperatorDelta[];
  summary: DiffContribution[];
  notes: string[];
}

const ratioOf = (before: number, after: number): number | null => (before > 0 ? after / before : null);

/** Pair leftover operators of one type by relative position, in order (a monotone alignment). */
function alignByPosition(
  before: OperatorTiming[],
  after: OperatorTiming[],
  beforeCount: number,
  afterCount: number,
): Array<[OperatorTiming, OperatorTiming]> {
  const rel = (o: OperatorTiming, count: number): number => (count > 1 ? o.position / (count - 1) : 0);
  const n = before.length;
  const m = after.length;
  // Best order-keeping pairing: most pairs, then least total |relative position gap| (a DP over
  // prefixes; the lists are the leftovers of one type, so small).
  const pairs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const step: Array<Array<'pair' | 'skipBefore' | 'skipAfter'>> = Array.from({ length: n + 1 }, () =>
    new Array<'pair' | 'skipBefore' | 'skipAfter'>(m + 1).fill('skipBefore'),
  );
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const gap = Math.abs(rel(before[i - 1]!, beforeCount) - rel(after[j - 1]!, afterCount));
      const options: Array<[number, number, 'pair' | 'skipBefore' | 'skipAfter']> = [
        [pairs[i - 1]![j - 1]! + 1, cost[i - 1]![j - 1]! + gap, 'pair'],
        [pairs[i - 1]![j]!, cost[i - 1]![j]!, 'skipBefore'],
        [pairs[i]![j - 1]!, cost[i]![j - 1]!, 'skipAfter'],
      ];
      options.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      [pairs[i]![j], cost[i]![j], step[i]![j]] = options[0]!;
    }
  }
  const out: Array<[OperatorTiming, OperatorTiming]> = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = step[i]![j]!;
    if (s === 'pair') out.push([before[--i]!, after[--j]!]);
    else if (s === 'skipBefore') i--;
    else j--;
  }
  return out.reverse();
}

function spreadOf(o: OperatorTiming | null): number | null {
  return o && o.time.sdMs !== null ? o.time.sdMs : null;
}

function delta(
  before: OperatorTiming | null,
  after: OperatorTiming | null,
  match: MatchKind,
): Omit<OperatorDelta, 'shareOfDifference'> {
  const beforeMs = before?.perRunMs ?? 0;
  const afterMs = after?.perRunMs ?? 0;
  const sb = spreadOf(before);
  const sa = spreadOf(after);
  const withinJitter =
    before && after && sb !== null && sa !== null
      ? Math.abs(afterMs - beforeMs) <= 2 * Math.sqrt(sb * sb + sa * sa)
      : null;
  return {
    name: (after ?? before)!.name,
    beforeName: before?.name ?? null,
    type: (after ?? before)!.type,
    match,
    before,
    after,
    beforeMs,
    afterMs,
    deltaMs: afterMs - beforeMs,
    ratio: before && after ? ratioOf(beforeMs, afterMs) : null,
    withinJitter,
  };
}

export interface DiffOptions {
  /** Summary lines before the rest are folded into one `other` line. */
  summaryLines?: number;
}

export function diffProfiles(
  before: OperatorProfile,
  after: OperatorProfile,
  options: DiffOptions = {},
): ProfileDiff {
  const rows: Array<Omit<OperatorDelta, 'shareOfDifference'>> = [];
  const afterByName = new Map<string, OperatorTiming[]>();
  for (const o of after.operators) afterByName.set(o.name, [...(afterByName.get(o.name) ?? []), o]);
  const leftBefore: OperatorTiming[] = [];
  const usedAfter = new Set<OperatorTiming>();
  for (const b of before.operators) {
    const a = afterByName.get(b.name)?.find((x) => !usedAfter.has(x) && x.type === b.type);
    if (a) {
      usedAfter.add(a);
      rows.push(delta(b, a, 'name'));
    } else leftBefore.push(b);
  }
  const leftAfter = after.operators.filter((a) => !usedAfter.has(a));
  const types = new Set([...leftBefore.map((o) => o.type), ...leftAfter.map((o) => o.type)]);
  const pairedBefore = new Set<OperatorTiming>();
  for (const type of types) {
    const b = leftBefore.filter((o) => o.type === type);
    const a = leftAfter.filter((o) => o.type === type);
    for (const [x, y] of alignByPosition(b, a, before.operators.length, after.operators.length)) {
      pairedBefore.add(x);
      usedAfter.add(y);
      rows.push(delta(x, y, 'type-position'));
    }
  }
  for (const b of leftBefore) if (!pairedBefore.has(b)) rows.push(delta(b, null, 'removed'));
  for (const a of leftAfter) if (!usedAfter.has(a)) rows.push(delta(null, a, 'inserted'));

  const deltaMs = after.perRunMs - before.perRunMs;
  const shareOf = (d: number): number | null => (deltaMs !== 0 ? d / deltaMs : null);
  const operators: OperatorDelta[] = rows
    .map((r) => ({ ...r, shareOfDifference: shareOf(r.deltaMs) }))
    .sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.name.localeCompare(y.name));

  const typeNames = new Set([...before.byType.map((t) => t.type), ...after.byType.map((t) => t.type)]);
  const byType: TypeDelta[] = [...typeNames].map((type) => {
    const b = before.byType.find((t) => t.type === type)?.perRunMs ?? 0;
    const a = after.byType.find((t) => t.type === type)?.perRunMs ?? 0;
    return {
      type,
      beforeMs: b,
      afterMs: a,
      deltaMs: a - b,
      ratio: ratioOf(b, a),
      shareOfDifference: shareOf(a - b),
    };
  });
  byType.sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.type.localeCompare(y.type));

  const inserted = operators.filter((o) => o.match === 'inserted');
  const removed = operators.filter((o) => o.match === 'removed');
  return {
    beforeMs: before.perRunMs,
    afterMs: after.perRunMs,
    deltaMs,
    ratio: ratioOf(before.perRunMs, after.perRunMs),
    operators,
    byType,
    inserted,
    removed,
    summary: summarize(operators, deltaMs, options.summaryLines ?? 5),
    notes: diffNotes(before, after),
  };
}

/**
 * Matched operators by type, inserted and removed ones as their own lines, largest first; past
 * `lines`, the rest is one `other` line. Every operator lands in exactly one line, so the lines
 * add up to the total difference.
 */
function summarize(operators: OperatorDelta[], total: number, lines: number): DiffContribution[] {
  const groups = new Map<string, DiffContribution>();
  for (const o of operators) {
    const kind = o.match === 'inserted' || o.match === 'removed' ? o.match : 'type';
    const key = kind === 'type' ? `type:${o.type}` : kind;
    const g = groups.get(key) ?? {
      kind,
      type: kind === 'type' ? o.type : null,
      operators: 0,
      deltaMs: 0,
      shareOfDifference: null,
    };
    g.operators++;
    g.deltaMs += o.deltaMs;
    groups.set(key, g);
  }
  const all = [...groups.values()].sort((a, b) => Math.abs(b.deltaMs) - Math.abs(a.deltaMs));
  const kept = all.slice(0, lines);
  const rest = all.slice(lines);
  if (rest.length > 0) {
    kept.push({
      kind: 'other',
      type: null,
      operators: rest.reduce((a, g) => a + g.operators, 0),
      deltaMs: rest.reduce((a, g) => a + g.deltaMs, 0),
      shareOfDifference: null,
    });
  }
  for (const g of kept) g.shareOfDifference = total !== 0 ? g.deltaMs / total : null;
  return kept;
}

function diffNotes(before: OperatorProfile, after: OperatorProfile): string[] {
  const notes: string[] = [];
  if (before.engine !== after.engine)
    notes.push('The two profiles come from different engines: their clocks differ.');
  else if (before.clock !== after.clock)
    notes.push(`One profile times the ${before.clock}, the other the ${after.clock}.`);
  notes.push(
    'Each side is one run: a difference smaller than the run-to-run noise of the whole model (see Compare) may be noise.',
  );
  return notes;
}

/**
 * Terminal text and CSV for `lar-explorer profile`: one profile's operators or types, or the diff
 * of two with its "where the difference comes from" lines. Formatting only; numbers come from
 * core/profile.
 */
import { stringify } from 'csv-stringify/sync';
import {
  operatorsByTime,
  type DiffContribution,
  type OperatorProfile,
  type ProfileDiff,
} from '../core/profile';
import { say, type Bilingual, type CliLanguage, type Vars } from './cliLanguage';
import { PROFILE_REPORT_TEXTS as T } from './profileReportTexts';
import { ms, renderTable } from './textTable';

export interface ProfileView {
  by: 'op' | 'type';
  /** Rows to show; 0 for all. */
  top: number;
}

const right = { align: 'right' as const };
export const pct = (x: number | null): string =>
  x === null ? '–' : `${(Math.abs(x) < 0.0005 ? 0 : x * 100).toFixed(1)}%`;
export const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(3)}`;
export const ratio = (x: number | null): string => (x === null ? '–' : `×${x.toFixed(2)}`);
const shapes = (s: number[][]): string => s.map((d) => d.join('×')).join(', ');
const limit = <R>(rows: R[], top: number): R[] => (top > 0 ? rows.slice(0, top) : rows);

/** The profile's clock in words ("host", "device"); one this build does not know is shown as stored. */
export function clockText(clock: string): Bilingual | string {
  return clock === 'host' ? T.clockHost : clock === 'device' ? T.clockDevice : clock;
}

export function renderProfile(
  label: string,
  p: OperatorProfile,
  view: ProfileView,
  lang: CliLanguage = 'en',
): string {
  const t = (entry: Bilingual, vars?: Vars): string => say(lang, entry, vars);
  const parts: string[] = [];
  const split =
    p.hostPerRunMs !== null && p.devicePerRunMs !== null
      ? t(T.split, { host: ms(p.hostPerRunMs), device: ms(p.devicePerRunMs) })
      : '';
  parts.push(
    t(p.runs === 1 ? T.headerOne : T.headerMany, {
      label,
      engine: p.engine,
      clock: clockText(p.clock),
      operators: p.operators.length,
      runs: p.runs,
    }) +
      '\n' +
      t(T.total, { ms: ms(p.perRunMs), split }) +
      '\n' +
      (p.memoryChunks
        ? t(T.memory, { mib: (p.memoryChunks.bytes / 1048576).toFixed(2), chunks: p.memoryChunks.count }) +
          '\n'
        : '') +
      '\n',
  );
  if (view.by === 'type') {
    const rows = limit(p.byType, view.top);
    parts.push(
      renderTable(
        [
          { header: t(T.colType) },
          { header: t(T.colOps), ...right },
          { header: t(T.colMsPerRun), ...right },
          { header: t(T.colShare), ...right },
          { header: t(T.colHostMs), ...right },
          { header: t(T.colDeviceMs), ...right },
        ],
        rows.map((t) => [
          t.type,
          String(t.operators),
          ms(t.perRunMs),
          pct(t.share),
          ms(t.hostPerRunMs),
          ms(t.devicePerRunMs),
        ]),
      ),
    );
    if (rows.length < p.byType.length)
      parts.push(t(T.moreTypes, { count: p.byType.length - rows.length }) + '\n');
  } else {
    const all = operatorsByTime(p);
    const rows = limit(all, view.top);
    parts.push(
      renderTable(
        [
          { header: t(T.colPos), ...right },
          { header: t(T.colOperator) },
          { header: t(T.colType) },
          { header: t(T.colMsPerRun), ...right },
          { header: t(T.colShare), ...right },
          { header: t(T.colSd), ...right },
          { header: t(T.colN), ...right },
          { header: t(T.colInputs) },
          { header: t(T.colLayout) },
        ],
        rows.map((o) => [
          String(o.position + 1),
          o.name,
          o.type,
          ms(o.perRunMs),
          pct(o.share),
          ms(o.time.sdMs),
          String(o.executions),
          shapes(o.inputShapes),
          [o.layout, o.dtype].filter(Boolean).join(' '),
        ]),
      ),
    );
    if (rows.length < all.length) parts.push(t(T.moreOperators, { count: all.length - rows.length }) + '\n');
  }
  // Core's notes are English; the frame is translated.
  if (p.notes.length > 0) parts.push('\n' + p.notes.map((n) => t(T.note, { note: n }) + '\n').join(''));
  return parts.join('');
}

const CONTRIBUTION_TEXT: Record<DiffContribution['kind'], readonly [Bilingual, Bilingual]> = {
  type: [T.byTypeOne, T.byTypeMany],
  other: [T.otherOne, T.otherMany],
  inserted: [T.insertedOne, T.insertedMany],
  removed: [T.removedOne, T.removedMany],
};

export function contributionLabel(c: DiffContribution, lang: CliLanguage = 'en'): string {
  const [one, many] = CONTRIBUTION_TEXT[c.kind];
  return say(lang, c.operators === 1 ? one : many, { type: c.type ?? '', count: c.operators });
}

const MATCH_TEXT: Record<string, Bilingual> = {
  name: T.matchName,
  'type-position': T.matchTypePosition,
  inserted: T.matchInserted,
  removed: T.matchRemoved,
};

export function renderProfileDiff(
  before: string,
  after: string,
  d: ProfileDiff,
  view: ProfileView,
  lang: CliLanguage = 'en',
): string {
  const t = (entry: Bilingual, vars?: Vars): string => say(lang, entry, vars);
  const parts: string[] = [];
  parts.push(
    t(T.before, { label: before, ms: ms(d.beforeMs) }) +
      '\n' +
      t(T.after, { label: after, ms: ms(d.afterMs) }) +
      '\n' +
      t(T.difference, { delta: signed(d.deltaMs), ratio: ratio(d.ratio) }) +
      '\n\n',
  );
  parts.push(t(T.whereFrom) + '\n');
  parts.push(
    renderTable(
      [{ header: '' }, { header: t(T.colDeltaMs), ...right }, { header: t(T.colOfDifference), ...right }],
      [
        ...d.summary.map((c) => [contributionLabel(c, lang), signed(c.deltaMs), pct(c.shareOfDifference)]),
        [t(T.total2), signed(d.deltaMs), d.deltaMs === 0 ? '–' : '100.0%'],
      ],
    ),
  );
  parts.push('\n');
  if (view.by === 'type') {
    const rows = limit(d.byType, view.top);
    parts.push(
      renderTable(
        [
          { header: t(T.colType) },
          { header: t(T.colBeforeMs), ...right },
          { header: t(T.colAfterMs), ...right },
          { header: t(T.colDeltaMs), ...right },
          { header: t(T.colRatio), ...right },
          { header: t(T.colOfDelta), ...right },
        ],
        rows.map((t) => [
          t.type,
          ms(t.beforeMs),
          ms(t.afterMs),
          signed(t.deltaMs),
          ratio(t.ratio),
          pct(t.shareOfDifference),
        ]),
      ),
    );
  } else {
    const rows = limit(d.operators, view.top);
    parts.push(
      renderTable(
        [
          { header: t(T.colOperator) },
          { header: t(T.colType) },
          { header: t(T.colMatch) },
          { header: t(T.colBeforeMs), ...right },
          { header: t(T.colAfterMs), ...right },
          { header: t(T.colDeltaMs), ...right },
          { header: t(T.colRatio), ...right },
          { header: t(T.colOfDelta), ...right },
          { header: t(T.colJitter) },
        ],
        rows.map((o) => [
          o.beforeName && o.beforeName !== o.name
            ? t(T.renamed, { name: o.name, before: o.beforeName })
            : o.name,
          o.type,
          MATCH_TEXT[o.match] ? t(MATCH_TEXT[o.match]!) : o.match,
          o.before ? ms(o.beforeMs) : '–',
          o.after ? ms(o.afterMs) : '–',
          signed(o.deltaMs),
          ratio(o.ratio),
          pct(o.shareOfDifference),
          o.withinJitter === null ? '' : t(o.withinJitter ? T.withinJitter : T.beyondJitter),
        ]),
      ),
    );
    if (rows.length < d.operators.length)
      parts.push(t(T.moreRows, { count: d.operators.length - rows.length }) + '\n');
  }
  const named = (ops: typeof d.inserted): string => ops.map((o) => `${o.name} [${o.type}]`).join(', ');
  if (d.inserted.length > 0) parts.push(`\n${t(T.inserted, { list: named(d.inserted) })}\n`);
  if (d.removed.length > 0) parts.push(`${t(T.removed, { list: named(d.removed) })}\n`);
  if (d.notes.length > 0) parts.push('\n' + d.notes.map((n) => t(T.note, { note: n }) + '\n').join(''));
  return parts.join('');
}

export function profileCsv(p: OperatorProfile, view: ProfileView): string {
  if (view.by === 'type') {
    return stringify(
      limit(p.byType, view.top).map((t) => ({
        type: t.type,
        operators: t.operators,
        executions: t.executions,
        ms_per_run: t.perRunMs,
        share: t.share,
        host_ms_per_run: t.hostPerRunMs ?? '',
        device_ms_per_run: t.devicePerRunMs ?? '',
      })),
      { header: true },
    );
  }
  return stringify(
    limit(operatorsByTime(p), view.top).map((o) => ({
      position: o.position + 1,
      id: o.id,
      name: o.name,
      type: o.type,
      ms_per_run: o.perRunMs,
      share: o.share,
      mean_ms: o.time.meanMs,
      sd_ms: o.time.sdMs ?? '',
      min_ms: o.time.minMs,
      max_ms: o.time.maxMs,
      executions: o.executions,
      host_ms: o.host?.meanMs ?? '',
      device_ms: o.device?.meanMs ?? '',
      input_shapes: shapes(o.inputShapes),
      output_shapes: shapes(o.outputShapes),
      dtype: o.dtype ?? '',
      layout: o.layout ?? '',
      placement: o.placement ?? '',
    })),
    { header: true },
  );
}

export function profileDiffCsv(d: ProfileDiff, view: ProfileView): string {
  if (view.by === 'type') {
    return stringify(
      limit(d.byType, view.top).map((t) => ({
        type: t.type,
        before_ms: t.beforeMs,
        after_ms: t.afterMs,
        delta_ms: t.deltaMs,
        ratio: t.ratio ?? '',
        share_of_difference: t.shareOfDifference ?? '',
      })),
      { header: true },
    );
  }
  return stringify(
    limit(d.operators, view.top).map((o) => ({
      name: o.name,
      before_name: o.beforeName ?? '',
      type: o.type,
      match: o.match,
      before_ms: o.before ? o.beforeMs : '',
      after_ms: o.after ? o.afterMs : '',
      delta_ms: o.deltaMs,
      ratio: o.ratio ?? '',
      share_of_difference: o.shareOfDifference ?? '',
      within_jitter: o.withinJitter ?? '',
    })),
    { header: true },
  );
}

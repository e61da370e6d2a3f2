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
const limit = <T>(rows: T[], top: number): T[] => (top > 0 ? rows.slice(0, top) : rows);

export function renderProfile(label: string, p: OperatorProfile, view: ProfileView): string {
  const parts: string[] = [];
  const split =
    p.hostPerRunMs !== null && p.devicePerRunMs !== null
      ? ` (host ${ms(p.hostPerRunMs)} ms, device ${ms(p.devicePerRunMs)} ms)`
      : '';
  parts.push(
    `${label}: ${p.engine}, ${p.clock} clock, ${p.operators.length} operators, ${p.runs} run${p.runs === 1 ? '' : 's'}\n` +
      `total ${ms(p.perRunMs)} ms per run${split}\n` +
      (p.memoryChunks
        ? `memory: ${(p.memoryChunks.bytes / 1048576).toFixed(2)} MiB (${p.memoryChunks.count} chunks, shared addresses counted once)\n`
        : '') +
      '\n',
  );
  if (view.by === 'type') {
    const rows = limit(p.byType, view.top);
    parts.push(
      renderTable(
        [
          { header: 'type' },
          { header: 'ops', ...right },
          { header: 'ms/run', ...right },
          { header: 'share', ...right },
          { header: 'host ms', ...right },
          { header: 'device ms', ...right },
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
      parts.push(`… ${p.byType.length - rows.length} more types (--top 0 for all)\n`);
  } else {
    const all = operatorsByTime(p);
    const rows = limit(all, view.top);
    parts.push(
      renderTable(
        [
          { header: 'pos', ...right },
          { header: 'operator' },
          { header: 'type' },
          { header: 'ms/run', ...right },
          { header: 'share', ...right },
          { header: 'sd', ...right },
          { header: 'n', ...right },
          { header: 'inputs' },
          { header: 'layout' },
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
    if (rows.length < all.length)
      parts.push(`… ${all.length - rows.length} more operators (--top 0 for all)\n`);
  }
  if (p.notes.length > 0) parts.push('\n' + p.notes.map((n) => `note: ${n}\n`).join(''));
  return parts.join('');
}

export function contributionLabel(c: DiffContribution): string {
  const n = `${c.operators} operator${c.operators === 1 ? '' : 's'}`;
  if (c.kind === 'type') return `${c.type} (${n})`;
  if (c.kind === 'other') return `everything else (${n})`;
  return `${c.kind} (${n})`;
}

export function renderProfileDiff(before: string, after: string, d: ProfileDiff, view: ProfileView): string {
  const parts: string[] = [];
  parts.push(
    `before: ${before}  ${ms(d.beforeMs)} ms per run\n` +
      `after:  ${after}  ${ms(d.afterMs)} ms per run\n` +
      `difference: ${signed(d.deltaMs)} ms (${ratio(d.ratio)})\n\n`,
  );
  parts.push('where the difference comes from:\n');
  parts.push(
    renderTable(
      [{ header: '' }, { header: 'Δ ms', ...right }, { header: 'of the difference', ...right }],
      [
        ...d.summary.map((c) => [contributionLabel(c), signed(c.deltaMs), pct(c.shareOfDifference)]),
        ['total', signed(d.deltaMs), d.deltaMs === 0 ? '–' : '100.0%'],
      ],
    ),
  );
  parts.push('\n');
  if (view.by === 'type') {
    const rows = limit(d.byType, view.top);
    parts.push(
      renderTable(
        [
          { header: 'type' },
          { header: 'before ms', ...right },
          { header: 'after ms', ...right },
          { header: 'Δ ms', ...right },
          { header: 'ratio', ...right },
          { header: 'of Δ', ...right },
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
          { header: 'operator' },
          { header: 'type' },
          { header: 'match' },
          { header: 'before ms', ...right },
          { header: 'after ms', ...right },
          { header: 'Δ ms', ...right },
          { header: 'ratio', ...right },
          { header: 'of Δ', ...right },
          { header: 'jitter' },
        ],
        rows.map((o) => [
          o.beforeName && o.beforeName !== o.name ? `${o.name} (was ${o.beforeName})` : o.name,
          o.type,
          o.match,
          o.before ? ms(o.beforeMs) : '–',
          o.after ? ms(o.afterMs) : '–',
          signed(o.deltaMs),
          ratio(o.ratio),
          pct(o.shareOfDifference),
          o.withinJitter === null ? '' : o.withinJitter ? 'within' : 'beyond',
        ]),
      ),
    );
    if (rows.length < d.operators.length)
      parts.push(`… ${d.operators.length - rows.length} more (--top 0 for all)\n`);
  }
  if (d.inserted.length > 0)
    parts.push(`\ninserted: ${d.inserted.map((o) => `${o.name} [${o.type}]`).join(', ')}\n`);
  if (d.removed.length > 0)
    parts.push(`removed: ${d.removed.map((o) => `${o.name} [${o.type}]`).join(', ')}\n`);
  if (d.notes.length > 0) parts.push('\n' + d.notes.map((n) => `note: ${n}\n`).join(''));
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

/**
 * Records out of the tool: CSV (spreadsheets), a Markdown table (PR descriptions, issues) and JSON
 * (scripts), one row per run with the same columns in each (see runSummary.ts). The comparison of
 * runs lives in compare.ts and is re-exported here, so "everything that leaves as a table" has one
 * import.
 */
import { stringify } from 'csv-stringify/sync';
import type { RunBasics } from './runHead';
import { SUMMARY_COLUMNS, summarizeRun, type RunSummaryRow } from './runSummary';

export { compareRecords } from './compare';
export type * from './compare';
export { SUMMARY_COLUMNS, summarizeRun, flagsText, type RunSummaryRow } from './runSummary';

export type ExportFormat = 'csv' | 'md' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'md', 'json'];

/**
 * RFC 4180 CSV with a header row; empty cells for "unknown". Times in ms to 4 decimals (0.1 µs, a
 * digit finer than load_and_run prints; ONNX Runtime's own timer is no finer either) and the CV to
 * 6: the float noise of a mean (`3.7604639000000013`) is not a measurement. Text cells
 * come from records anyone may share: a label like `=HYPERLINK("http://…")` would be a live formula
 * in a spreadsheet (CSV injection), so text cells that start with = + - @ (or a tab / carriage
 * return, which some spreadsheets skip before looking) get a leading `'` (OWASP's advice). Numbers
 * stay numbers. Flags (`--cpu --iter 20`) are such cells too: a spreadsheet would otherwise show
 * `#NAME?` for them, and now shows `'--cpu --iter 20`, the text intact.
 */
export function recordsToCsv(records: readonly RunBasics[]): string {
  const rows = records.map(summarizeRun);
  return stringify(
    rows.map((r) => SUMMARY_COLUMNS.map((c) => inertCell(csvCell(c, r[c])))),
    { header: true, columns: [...SUMMARY_COLUMNS], eof: true },
  );
}

function inertCell(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The rows as JSON (an array of objects, columns in export order), pretty-printed. */
export function recordsToJson(records: readonly RunBasics[]): string {
  return JSON.stringify(records.map(summarizeRun), [...SUMMARY_COLUMNS], 2) + '\n';
}

const MD_HEADERS: Record<keyof RunSummaryRow, string> = {
  id: 'id',
  label: 'label',
  time: 'time',
  model: 'model',
  target: 'target',
  engine: 'engine',
  flags: 'flags',
  command: 'command',
  status: 'status',
  loadMs: 'load (ms)',
  configMs: 'config (ms)',
  firstWarmupMs: 'first warm-up (ms)',
  meanMs: 'mean (ms)',
  sdMs: 'sd (ms)',
  medianMs: 'median (ms)',
  minMs: 'min (ms)',
  maxMs: 'max (ms)',
  count: 'n',
  cv: 'CV',
};

/** Markdown table: ms to 3 decimals (the tool's own precision), CV in percent, short ids. */
export function recordsToMarkdown(records: readonly RunBasics[]): string {
  // The full command is in the flags column already; a Markdown table of long commands is unreadable.
  const columns = SUMMARY_COLUMNS.filter((c) => c !== 'command');
  const lines = [
    `| ${columns.map((c) => MD_HEADERS[c]).join(' | ')} |`,
    `| ${columns.map((c) => (isNumeric(c) ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const row of records.map(summarizeRun)) {
    lines.push(`| ${columns.map((c) => markdownCell(c, row)).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

export function exportRecords(records: readonly RunBasics[], format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return recordsToCsv(records);
    case 'md':
      return recordsToMarkdown(records);
    case 'json':
      return recordsToJson(records);
  }
}

const CSV_DECIMALS: Partial<Record<keyof RunSummaryRow, number>> = { cv: 6 };

function csvCell(c: keyof RunSummaryRow, v: RunSummaryRow[keyof RunSummaryRow]): string | number {
  if (v === null) return '';
  if (typeof v !== 'number' || !isNumeric(c) || c === 'count') return v;
  return roundTo(v, CSV_DECIMALS[c] ?? 4);
}

/** `3.7604639000000013` → 3.7605; no trailing zeros, no `-0`. */
export function roundTo(x: number, decimals: number): number {
  const r = Number(x.toFixed(decimals));
  return r === 0 ? 0 : r;
}

function isNumeric(c: keyof RunSummaryRow): boolean {
  return c.endsWith('Ms') || c === 'count' || c === 'cv';
}

function markdownCell(c: keyof RunSummaryRow, row: RunSummaryRow): string {
  const v = row[c];
  if (v === null || v === '') return c === 'label' ? '' : '–';
  if (c === 'id') return String(v).slice(0, 8);
  if (c === 'cv') return `${((v as number) * 100).toFixed(1)}%`;
  if (c === 'count') return String(v);
  if (typeof v === 'number') return v.toFixed(3);
  if (c === 'flags' || c === 'model') return codeSpan(String(v));
  return escapeMarkdown(String(v));
}

/** Cells must not break the table: pipes escaped, newlines flattened. */
function escapeMarkdown(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A code span that survives backticks and pipes in the text (GFM: pipes must still be escaped). */
function codeSpan(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  if (flat === '') return '';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * The iterations table: a long run's iterations in a CSV file beside its record
 * (`<record>.iterations.csv`), one row per iteration, so the record's JSON stays small and a person
 * can open the numbers in a spreadsheet. The name must never end in `.json`: every `*.json` in the
 * runs folder is read as a record. Numbers only, so writing and reading are a plain split (no
 * quoting can occur); each number is printed as JavaScript prints it, which reads back exactly.
 * An empty cell is an absent host/device time; `NaN` an unreadable end-to-end time.
 */
import { basename } from 'node:path';
import type { IterationTime } from '../engine';
import { readRegularFile } from './regularFile';

export const ITERATIONS_TABLE_HEADER = 'testcase,index,e2eMs,hostMs,deviceMs';

/** `20250102T030405.123Z-1a2b3c4d.json` → `20250102T030405.123Z-1a2b3c4d.iterations.csv`. */
export function iterationsTableName(recordFile: string): string {
  return recordFile.replace(/\.json$/i, '') + '.iterations.csv';
}

export function iterationsToCsv(iterations: readonly IterationTime[]): string {
  const cell = (x: number | null): string => (x === null ? '' : String(x));
  // Built in chunks: one string per row joined at the end keeps a 300,000-row table to one copy.
  const rows = new Array<string>(iterations.length + 1);
  rows[0] = ITERATIONS_TABLE_HEADER;
  for (let i = 0; i < iterations.length; i++) {
    const it = iterations[i]!;
    rows[i + 1] = `${it.testcase},${it.index},${it.e2eMs},${cell(it.hostMs)},${cell(it.deviceMs)}`;
  }
  return rows.join('\n') + '\n';
}

export type TableRead = { ok: true; iterations: IterationTime[] } | { ok: false; reason: string };

/**
 * Read a table back, checking it has exactly the `count` rows the record promises: a truncated
 * copy, a hand edit that broke a number, or a file saved over by a spreadsheet with other columns
 * is a reason (naming the line), never a half-read run. With `keep` false every row is checked
 * and none kept (`iterations` comes back empty): what a listing of heads needs.
 */
export function parseIterationsCsv(text: string, count: number, keep = true): TableRead {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : nl;
  };
  // A spreadsheet may have saved the file with CRLF line ends.
  const line = (from: number, end: number): string =>
    text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  let end = lineEnd(at);
  if (line(at, end) !== ITERATIONS_TABLE_HEADER) {
    return { ok: false, reason: `the first line is not "${ITERATIONS_TABLE_HEADER}"` };
  }
  const iterations = new Array<IterationTime>(keep ? count : 0);
  let rows = 0;
  for (at = end + 1; at < text.length; at = end + 1) {
    end = lineEnd(at);
    const row = line(at, end);
    if (row === '' && end >= text.length - 1) break; // the final newline
    if (rows === count) return { ok: false, reason: tooMany(text, at, count) };
    if (!keep && PLAIN_ROW.test(row)) {
      rows++; // five plain decimal numbers: what the checks below accept, found 3× faster
      continue;
    }
    const cells = row.split(',');
    const testcase = strictNumber(cells[0]);
    const index = strictNumber(cells[1]);
    const e2eMs = cells[2] === 'NaN' ? Number.NaN : strictNumber(cells[2]);
    const hostMs = cells[3] === '' ? null : strictNumber(cells[3]);
    const deviceMs = cells[4] === '' ? null : strictNumber(cells[4]);
    if (
      cells.length !== 5 ||
      Number.isNaN(testcase) ||
      Number.isNaN(index) ||
      (Number.isNaN(e2eMs) && cells[2] !== 'NaN') ||
      Number.isNaN(hostMs) ||
      Number.isNaN(deviceMs)
    ) {
      return { ok: false, reason: `line ${rows + 2} is not five numbers: "${row.slice(0, 80)}"` };
    }
    if (keep) iterations[rows] = { testcase, index, e2eMs, hostMs, deviceMs };
    rows++;
  }
  if (rows !== count)
    return { ok: false, reason: `it has ${rows} rows; the record says ${count} iterations` };
  return { ok: true, iterations };
}

function tooMany(text: string, at: number, count: number): string {
  const extra = text
    .slice(at)
    .split('\n')
    .filter((l) => l.trim() !== '').length;
  return `it has ${count + extra} rows; the record says ${count} iterations`;
}

/**
 * A row of plain decimal numbers (an optional e2e `NaN`, optional host and device times): every
 * row this module writes. Each such cell is one `Number()` reads as a number, so a row matching it
 * passes the cell-by-cell checks of `parseIterationsCsv`; any other row (hex, `Infinity`, spaces, a
 * broken number) goes through those checks, which decide. Counting rows needs nothing more.
 */
const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const PLAIN_ROW = new RegExp(`^${NUM},${NUM},(?:${NUM}|NaN),(?:${NUM})?,(?:${NUM})?$`);

/** The cell's number; NaN for an empty or non-numeric cell (`Number('')` would be 0). */
function strictNumber(cell: string | undefined): number {
  if (cell === undefined || cell.trim() === '') return Number.NaN;
  return Number(cell);
}

/**
 * Read the table at `path` (a plain name in the runs folder) for a record that promises `count`
 * iterations. A missing or damaged table is a reason a person can act on, naming the file.
 */
export async function readIterationsTable(path: string, count: number, keep = true): Promise<TableRead> {
  const name = basename(path);
  const lost = `the run's statistics are kept but its ${count} iterations are not available`;
  let text: string;
  try {
    text = await readRegularFile(path);
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'is missing'
        : `cannot be read (${(err as Error).message})`;
    return { ok: false, reason: `iterations file ${name} ${why}; ${lost}` };
  }
  const parsed = parseIterationsCsv(text, count, keep);
  if (!parsed.ok)
    return { ok: false, reason: `iterations file ${name} is damaged (${parsed.reason}); ${lost}` };
  return parsed;
}

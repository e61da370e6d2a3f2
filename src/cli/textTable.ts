/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
 * Width counts code points with East Asian wide characters as two, so a Chinese label or model name
 * does not skew the columns. Cells are record data: control characters are shown, never obeyed.
 */
import { forTerminal } from './terminalText';

export interface TextColumn {
  header: string;
  align?: 'left' | 'right';
}

/** Display width in a terminal cell grid (wide CJK = 2; combining marks and ANSI codes ignored). */
export function displayWidth(s: string): number {
  let width = 0;
  // eslint-disable-next-line no-control-regex
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x300 && cp <= 0x36f) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function renderTable(
  columns: readonly TextColumn[],
  unsafeRows: ReadonlyArray<readonly string[]>,
): string {
  const rows = unsafeRows.map((r) => r.map(forTerminal));
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - displayWidth(cell));
        return columns[i]!.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return (
    [
      line(columns.map((c) => forTerminal(c.header))),
      ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ''))),
    ].join('\n') + '\n'
  );
}

/** Milliseconds with the tool's own precision; `–` for unknown. */
export function ms(x: number | null | undefined, digits = 3): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–';
}

export function percent(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–';
}

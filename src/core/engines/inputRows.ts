/**
 * The `name:value;name:value` spelling both engines use for their `--input` flag, as the rows a
 * person edits (the panel's Inputs section). The first `:` ends the name, as load_and_run's
 * DataParser and our runner read it; an item without a name gets an empty name.
 */
import type { InputRow, InputSyntax } from '../engine';

/** Rows → a flag value: empty values dropped, `name:value` items joined by `;`. */
export function composeInputRows(rows: readonly InputRow[]): string {
  return rows
    .map((r) => ({ name: r.name.trim(), value: r.value.trim() }))
    .filter((r) => r.value !== '')
    .map((r) => (r.name ? `${r.name}:${r.value}` : r.value))
    .join(';');
}

/** A flag value → rows. */
export function inputRowsOf(value: string): InputRow[] {
  return value
    .split(';')
    .filter((item) => item.trim() !== '')
    .map((item) => {
      const sep = item.indexOf(':');
      return sep < 0 ? { name: '', value: item } : { name: item.slice(0, sep), value: item.slice(sep + 1) };
    });
}

/** The `--input` syntax of an engine whose input flag is `flag`. */
export function namedInputSyntax(flag: string, fileExtensions: string[]): InputSyntax {
  return { flag, fileExtensions, compose: composeInputRows, parse: inputRowsOf };
}

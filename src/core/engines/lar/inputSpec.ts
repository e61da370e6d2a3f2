/**
 * The value of `--input`: which parts are files (to upload to a board) and which are inline data.
 * Mirrors lite/load_and_run/src/helpers/data_parser.cpp `DataParser::feed`: items are joined by
 * `;`; in each item the text before the FIRST `:` is the input name (default `data`); the rest is a
 * file when it ends in .ppm/.pgm/.json/.npy, otherwise an inline data string such as `[1,3,224,224]`.
 * A `.json` file carries its own names, so `file.json` alone is the usual spelling.
 */

export type LarInputKind = 'npy' | 'image' | 'json' | 'data';

export interface LarInputItem {
  /** The name before `:`; null when the item has none (the tool then uses `data`). */
  name: string | null;
  /** The file path or inline data after the name. */
  value: string;
  kind: LarInputKind;
}

/** Read an `--input` value into its items. Never throws; empty items are skipped. */
export function parseLarInput(text: string): LarInputItem[] {
  const items: LarInputItem[] = [];
  for (const raw of text.split(';')) {
    if (raw.trim() === '') continue;
    const sep = raw.indexOf(':');
    const name = sep < 0 ? null : raw.slice(0, sep);
    const value = sep < 0 ? raw : raw.slice(sep + 1);
    items.push({ name, value, kind: inputKind(value) });
  }
  return items;
}

/** The files an `--input` value refers to (what must travel to a remote target). */
export function larInputFiles(text: string): string[] {
  return parseLarInput(text)
    .filter((item) => item.kind !== 'data')
    .map((item) => item.value);
}

/** Rewrite the file parts of an `--input` value (e.g. local paths → remote paths), keeping the rest. */
export function mapLarInputFiles(text: string, mapPath: (path: string) => string): string {
  return parseLarInput(text)
    .map((item) => {
      const value = item.kind === 'data' ? item.value : mapPath(item.value);
      return item.name === null ? value : `${item.name}:${value}`;
    })
    .join(';');
}

function inputKind(value: string): LarInputKind {
  if (value.endsWith('.npy')) return 'npy';
  if (value.endsWith('.ppm') || value.endsWith('.pgm')) return 'image';
  if (value.endsWith('.json')) return 'json';
  return 'data';
}

/** The file items of an `--input` value for `transferSpecsFor` (inline data does not travel). */
export function larListFiles(flag: string, value: string): Array<{ path: string; prefix: string }> | null {
  if (flag !== 'input') return null;
  return parseLarInput(value)
    .filter((item) => item.kind !== 'data' && item.value !== '')
    .map((item) => ({ path: item.value, prefix: item.name === null ? '' : `${item.name}:` }));
}

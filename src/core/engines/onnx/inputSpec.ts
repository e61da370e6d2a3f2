/**
 * The text grammars of two ONNX Runtime flags, parsed without touching files:
 * - `--input`: `;`-separated entries, each `[name:]file.npy|file.json` or `[name:][d0,d1,...]`;
 * - `--free-dimension-override`: `name=value[,name=value]`.
 * Shared by validation (before a run) and the runner program (during it). Never throws.
 */

export type InputEntry =
  | { kind: 'file'; name: string | null; path: string; format: 'npy' | 'json' }
  | { kind: 'shape'; name: string | null; shape: number[] };

export interface ParsedInputSpec {
  entries: InputEntry[];
  errors: string[];
}

export function parseInputSpec(text: string): ParsedInputSpec {
  const entries: InputEntry[] = [];
  const errors: string[] = [];
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) errors.push('empty --input');
  for (const part of parts) {
    const shape = /^(?:(.+):)?\[([^\]]*)\]$/.exec(part);
    if (shape) {
      const dims = shape[2]!.split(',').map((d) => d.trim());
      const nums = dims.map(Number);
      if (dims.some((d) => !/^\d+$/.test(d)) || nums.some((n) => n < 1)) {
        errors.push(`shape '${part}' must list positive integers, e.g. data:[1,3,224,224]`);
        continue;
      }
      entries.push({ kind: 'shape', name: shape[1] ?? null, shape: nums });
      continue;
    }
    const { name, path } = splitName(part);
    const ext = /\.(npy|json)$/i.exec(path);
    if (!ext) {
      errors.push(`input file '${path}' must be .npy or .json (or give a shape such as name:[1,3,64,64])`);
      continue;
    }
    entries.push({ kind: 'file', name, path, format: ext[1]!.toLowerCase() as 'npy' | 'json' });
  }
  const unnamed = entries.filter((e) => e.name === null).length;
  if (unnamed > 0 && entries.length > 1) {
    errors.push('with several --input entries, name each one: name:file or name:[shape]');
  }
  return { entries, errors };
}

/**
 * `name:path`, where ONNX names may themselves hold `:` (`input:0`) and Windows paths start with
 * a drive (`C:\x.npy`): split at the last colon that is not a drive letter's.
 */
function splitName(part: string): { name: string | null; path: string } {
  let i = part.lastIndexOf(':');
  while (i > 0 && /[\\/]/.test(part[i + 1] ?? '') && (i === 1 || part[i - 2] === ':')) {
    i = part.lastIndexOf(':', i - 1);
  }
  if (i <= 0) return { name: null, path: part };
  return { name: part.slice(0, i), path: part.slice(i + 1) };
}

export interface ParsedFreeDims {
  dims: Record<string, number>;
  errors: string[];
}

export function parseFreeDimensionOverride(text: string): ParsedFreeDims {
  const dims: Record<string, number> = {};
  const errors: string[] = [];
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) errors.push('empty --free-dimension-override');
  for (const part of parts) {
    const m = /^([^=]+)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1 || !Number.isSafeInteger(Number(m[2]))) {
      errors.push(`'${part}' is not name=positive-integer (e.g. batch=4)`);
      continue;
    }
    dims[m[1]!.trim()] = Number(m[2]);
  }
  return { dims, errors };
}

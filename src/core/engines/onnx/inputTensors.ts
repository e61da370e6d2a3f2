/**
 * Builds the input data for a benchmark from the model's input metadata and the `--input`,
 * `--free-dimension-override` and `--seed` flags: seeded random values in the model's shapes by
 * default, shapes the user gave, or arrays read from `.npy`/`.json` files. Pure apart from the
 * `readFile` callback, and independent of onnxruntime (the runner wraps results in `ort.Tensor`).
 * Reports problems as `InputError` with a message a user can act on.
 */
import { mulberry32 } from '../../seededRandom';
import { readNpy, type NpyData } from './npy';
import type { InputEntry } from './inputSpec';

/** The parts of `InferenceSession.ValueMetadata` we use (its tensor variant). */
export interface InputMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}

export type InputData = NpyData;

export interface PreparedInput {
  name: string;
  type: string;
  dims: number[];
  data: InputData;
  source: 'random' | 'shape' | 'file';
}

export interface PreparedInputs {
  inputs: PreparedInput[];
  /** Things worth telling the user (free dimensions filled with 1, dtype conversions). */
  notes: string[];
}

export class InputError extends Error {}

export interface InputRequest {
  metadata: readonly InputMetadata[];
  entries: InputEntry[];
  freeDims: Record<string, number>;
  seed: number;
  readFile: (path: string) => Uint8Array;
}

const RANDOM_TYPES = new Set([
  'float32',
  'float64',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
]);

export function prepareInputs(req: InputRequest): PreparedInputs {
  const notes: string[] = [];
  const names = req.metadata.map((m) => m.name);
  const byName = new Map<string, PreparedInput>();
  const rand = mulberry32(req.seed);

  for (const e of req.entries) {
    if (e.name !== null && !names.includes(e.name)) {
      throw new InputError(`--input names '${e.name}', but the model's inputs are: ${names.join(', ')}`);
    }
  }

  for (const e of req.entries) {
    if (e.kind === 'shape') {
      const meta = targetOf(e.name, req.metadata);
      checkShape(meta, e.shape);
      byName.set(meta.name, randomInput(meta, e.shape, rand, 'shape'));
      continue;
    }
    const bytes = readOrExplain(req.readFile, e.path);
    if (e.format === 'npy') {
      const arr = readNpy(bytes);
      if ('error' in arr) throw new InputError(`${e.path}: ${arr.error}`);
      const meta = targetOf(e.name, req.metadata);
      byName.set(meta.name, fromValues(meta, arr.shape, arr.data, arr.dtype, e.path, notes));
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (err) {
      throw new InputError(`${e.path}: not valid JSON (${(err as Error).message})`);
    }
    if (Array.isArray(json) || isDimsData(json)) {
      const meta = targetOf(e.name, req.metadata);
      byName.set(meta.name, fromJsonValue(meta, json, e.path, notes));
    } else if (json !== null && typeof json === 'object') {
      const obj = json as Record<string, unknown>;
      const wanted = e.name !== null ? [e.name] : Object.keys(obj);
      for (const key of wanted) {
        if (!(key in obj)) throw new InputError(`${e.path}: no key '${key}'`);
        const meta = req.metadata.find((m) => m.name === key);
        if (!meta)
          throw new InputError(`${e.path}: key '${key}' is not a model input (inputs: ${names.join(', ')})`);
        byName.set(key, fromJsonValue(meta, obj[key], e.path, notes));
      }
    } else {
      throw new InputError(
        `${e.path}: expected an array, {"dims":[…],"data":[…]} or an object of them by input name`,
      );
    }
  }

  // Every input not given gets seeded random data in the model's shape.
  for (const meta of req.metadata) {
    if (byName.has(meta.name)) continue;
    const dims = (meta.shape ?? []).map((d, i) => {
      if (typeof d === 'number' && d >= 0) return d;
      const label = typeof d === 'string' && d !== '' ? d : `${meta.name}[${i}]`;
      const v = req.freeDims[label];
      if (v !== undefined) return v;
      notes.push(
        `free dimension '${label}' of input '${meta.name}' set to 1 (choose with --free-dimension-override ${label}=N)`,
      );
      return 1;
    });
    byName.set(meta.name, randomInput(meta, dims, rand, 'random'));
  }

  const symbolic = new Set(
    req.metadata.flatMap((m) => (m.shape ?? []).filter((d): d is string => typeof d === 'string')),
  );
  for (const name of Object.keys(req.freeDims)) {
    if (!symbolic.has(name))
      notes.push(`--free-dimension-override '${name}' matches no symbolic input dimension`);
  }
  return { inputs: req.metadata.map((m) => byName.get(m.name)!), notes };
}

function targetOf(name: string | null, metadata: readonly InputMetadata[]): InputMetadata {
  if (name !== null) return metadata.find((m) => m.name === name)!;
  if (metadata.length !== 1) {
    throw new InputError(
      `the model has ${metadata.length} inputs (${metadata.map((m) => m.name).join(', ')}); name them: name:file`,
    );
  }
  return metadata[0]!;
}

function tensorType(meta: InputMetadata): string {
  if (!meta.isTensor || !meta.type)
    throw new InputError(`input '${meta.name}' is not a tensor; only tensor inputs are supported`);
  return meta.type;
}

function checkShape(meta: InputMetadata, dims: number[]): void {
  const model = meta.shape;
  if (!model || model.length === 0) return;
  if (model.length !== dims.length) {
    throw new InputError(
      `input '${meta.name}' has rank ${model.length} [${model.join(',')}], the given shape [${dims.join(',')}] has rank ${dims.length}`,
    );
  }
  model.forEach((d, i) => {
    if (typeof d === 'number' && d >= 0 && d !== dims[i]) {
      throw new InputError(`input '${meta.name}' dimension ${i} is ${d} in the model, ${dims[i]} in --input`);
    }
  });
}

/** Generated inputs stop here (2^27 elements: 1 GB of float64 staging); real models are far below. */
const MAX_RANDOM_ELEMENTS = 2 ** 27;

function randomInput(
  meta: InputMetadata,
  dims: number[],
  rand: () => number,
  source: PreparedInput['source'],
): PreparedInput {
  const type = tensorType(meta);
  if (!RANDOM_TYPES.has(type))
    throw new InputError(
      `input '${meta.name}' has type ${type}; random data is supported for numeric and bool inputs only`,
    );
  const n = dims.reduce((a, b) => a * b, 1);
  // A huge free dimension would otherwise end in a RangeError stack trace from the allocation.
  if (!(n <= MAX_RANDOM_ELEMENTS))
    throw new InputError(
      `input '${meta.name}' would have ${n.toExponential(2)} elements (dims [${dims.join(',')}]), more than the ${MAX_RANDOM_ELEMENTS.toExponential(2)} this runner generates: choose smaller --free-dimension-override values`,
    );
  const values = new Float64Array(n);
  const isFloat = type.startsWith('float');
  const high = type === 'bool' ? 2 : 10; // small integers: safe as indices, token ids, class labels
  for (let i = 0; i < n; i++) values[i] = isFloat ? rand() : Math.floor(rand() * high);
  return { name: meta.name, type, dims, data: toTyped(type, values), source };
}

function fromValues(
  meta: InputMetadata,
  dims: number[],
  data: ArrayLike<number | bigint>,
  fileType: string | null,
  path: string,
  notes: string[],
): PreparedInput {
  const type = tensorType(meta);
  checkShape(meta, dims);
  const n = dims.reduce((a, b) => a * b, 1);
  if (data.length !== n)
    throw new InputError(`${path}: ${data.length} values for shape [${dims.join(',')}] (${n} needed)`);
  // JSON numbers are untyped (fileType null): no conversion worth a note.
  if (fileType !== null && fileType !== type)
    notes.push(`${path}: ${fileType} values converted to the model's ${type} for input '${meta.name}'`);
  return { name: meta.name, type, dims, data: toTyped(type, data), source: 'file' };
}

function isDimsData(v: unknown): v is { dims?: unknown; shape?: unknown; data: unknown } {
  return (
    v !== null && typeof v === 'object' && !Array.isArray(v) && 'data' in v && ('dims' in v || 'shape' in v)
  );
}

function fromJsonValue(meta: InputMetadata, value: unknown, path: string, notes: string[]): PreparedInput {
  if (isDimsData(value)) {
    const dims = (value.dims ?? value.shape) as unknown;
    if (!Array.isArray(dims) || !dims.every((d) => Number.isInteger(d) && d >= 0))
      throw new InputError(`${path}: "dims" must be a list of whole numbers`);
    const flat = flattenNumbers(value.data, path);
    return fromValues(meta, dims as number[], flat.values, null, path, notes);
  }
  const flat = flattenNumbers(value, path);
  return fromValues(meta, flat.dims, flat.values, null, path, notes);
}

/** A nested array of numbers (or booleans) → its values and its rectangular shape. */
function flattenNumbers(value: unknown, path: string): { values: number[]; dims: number[] } {
  const dims: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    dims.push(probe.length);
    probe = probe[0];
  }
  const values: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth === dims.length) {
      if (typeof v === 'number') values.push(v);
      else if (typeof v === 'boolean') values.push(v ? 1 : 0);
      else throw new InputError(`${path}: expected numbers, found ${JSON.stringify(v)?.slice(0, 40)}`);
      return;
    }
    if (!Array.isArray(v) || v.length !== dims[depth])
      throw new InputError(`${path}: the nested arrays are not rectangular`);
    for (const x of v) walk(x, depth + 1);
  };
  walk(value, 0);
  return { values, dims };
}

function toTyped(type: string, values: ArrayLike<number | bigint>): InputData {
  const nums = (): number[] => Array.from(values, (v) => Number(v));
  switch (type) {
    case 'float32':
      return Float32Array.from(nums());
    case 'float64':
      return Float64Array.from(nums());
    case 'int8':
      return Int8Array.from(nums());
    case 'uint8':
    case 'bool':
      return Uint8Array.from(nums(), (v) => (type === 'bool' ? (v ? 1 : 0) : v));
    case 'int16':
      return Int16Array.from(nums());
    case 'uint16':
      return Uint16Array.from(nums());
    case 'int32':
      return Int32Array.from(nums());
    case 'uint32':
      return Uint32Array.from(nums());
    case 'int64':
      return BigInt64Array.from(values, (v) => BigInt(Math.trunc(Number(v))));
    case 'uint64':
      return BigUint64Array.from(values, (v) => BigInt(Math.trunc(Number(v))));
    default:
      throw new InputError(`input type ${type} is not supported (numeric and bool only)`);
  }
}

function readOrExplain(readFile: (p: string) => Uint8Array, path: string): Uint8Array {
  try {
    return readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `input file not found: ${path}`
        : `cannot read input file ${path}: ${(err as Error).message}`,
    );
  }
}

export { mulberry32 };

/**
 * A reader for NumPy `.npy` files (format versions 1.0, 2.0, 3.0; C order; little-endian or
 * single-byte numeric dtypes), enough to feed a model's input from a file saved with `np.save`.
 * Returns an error text instead of throwing.
 * Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */

export type NpyDtype =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool';

export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const DESCR: Record<string, NpyDtype> = {
  '<f4': 'float32',
  '<f8': 'float64',
  '|i1': 'int8',
  '|u1': 'uint8',
  '<i2': 'int16',
  '<u2': 'uint16',
  '<i4': 'int32',
  '<u4': 'uint32',
  '<i8': 'int64',
  '<u8': 'uint64',
  '|b1': 'bool',
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function readNpy(bytes: Uint8Array): NpyArray | { error: string } {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    return { error: 'not a .npy file (bad magic)' };
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) return { error: 'truncated .npy header' };
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    return { error: `unsupported .npy version ${major}` };
  }
  if (headerStart + headerLen > bytes.length) return { error: 'truncated .npy header' };
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLen),
  );

  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    return { error: 'unreadable .npy header' };
  const dtype = DESCR[descr === '<b1' ? '|b1' : descr];
  if (!dtype) return { error: `unsupported .npy dtype '${descr}' (little-endian numeric or bool only)` };
  if (fortran === 'True') return { error: 'Fortran-order .npy arrays are not supported (save with C order)' };
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) return { error: `bad .npy shape (${shapeText})` };

  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLen;
  const width = bytesPerElement(dtype);
  if (bytes.length - dataStart < count * width) {
    return {
      error: `.npy data is truncated: ${count} elements need ${count * width} bytes, file has ${bytes.length - dataStart}`,
    };
  }
  // Copy into a fresh, aligned buffer: typed arrays need offsets that are multiples of their width.
  // (Not `bytes.slice`: on a Node Buffer that is a view into a shared pool, not a copy.)
  const raw = new Uint8Array(count * width);
  raw.set(bytes.subarray(dataStart, dataStart + count * width));
  return { dtype, shape, data: typedView(dtype, raw.buffer) };
}

function bytesPerElement(dtype: NpyDtype): number {
  switch (dtype) {
    case 'float64':
    case 'int64':
    case 'uint64':
      return 8;
    case 'float32':
    case 'int32':
    case 'uint32':
      return 4;
    case 'int16':
    case 'uint16':
      return 2;
    default:
      return 1;
  }
}

function typedView(dtype: NpyDtype, buf: ArrayBuffer): NpyData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buf);
    case 'float64':
      return new Float64Array(buf);
    case 'int8':
      return new Int8Array(buf);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buf);
    case 'int16':
      return new Int16Array(buf);
    case 'uint16':
      return new Uint16Array(buf);
    case 'int32':
      return new Int32Array(buf);
    case 'uint32':
      return new Uint32Array(buf);
    case 'int64':
      return new BigInt64Array(buf);
    case 'uint64':
      return new BigUint64Array(buf);
  }
}

/** Encode an array as a version 1.0 `.npy` (for tests and for saving inputs next to a run). */
export function writeNpy(arr: NpyArray): Uint8Array {
  const descr = Object.entries(DESCR).find(([, d]) => d === arr.dtype)![0];
  const shape = arr.shape.length === 1 ? `(${arr.shape[0]},)` : `(${arr.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // Pad so the data starts on a 64-byte boundary, ending with a newline, as numpy does.
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const data = new Uint8Array(arr.data.buffer, arr.data.byteOffset, arr.data.byteLength);
  const out = new Uint8Array(10 + header.length + data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

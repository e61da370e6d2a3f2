import assert from 'node:assert/strict';
import { parseFreeDimensionOverride, parseInputSpec } from '../../../src/core/engines/onnx/inputSpec';
import { InputError, prepareInputs, type InputMetadata } from '../../../src/core/engines/onnx/inputTensors';
import { readNpy, writeNpy } from '../../../src/core/engines/onnx/npy';

const CNN: InputMetadata[] = [{ name: 'data', isTensor: true, type: 'float32', shape: ['batch', 3, 4, 4] }];
const TWO: InputMetadata[] = [
  { name: 'ids', isTensor: true, type: 'int64', shape: ['batch', 'seq'] },
  { name: 'mask', isTensor: true, type: 'bool', shape: ['batch', 'seq'] },
];
const noFiles = (p: string): Uint8Array => {
  throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
};

describe('ORT --input and --free-dimension-override grammars', () => {
  it('reads files, named files and shapes', () => {
    assert.deepEqual(parseInputSpec('x.npy').entries, [
      { kind: 'file', name: null, path: 'x.npy', format: 'npy' },
    ]);
    assert.deepEqual(parseInputSpec('ids:a.JSON; mask:[1,8]').entries, [
      { kind: 'file', name: 'ids', path: 'a.JSON', format: 'json' },
      { kind: 'shape', name: 'mask', shape: [1, 8] },
    ]);
    assert.deepEqual(parseInputSpec('[1, 3, 224, 224]').entries, [
      { kind: 'shape', name: null, shape: [1, 3, 224, 224] },
    ]);
  });

  it('keeps colons of TF-style names and Windows drive letters apart', () => {
    assert.deepEqual(parseInputSpec('input:0:x.npy').entries[0], {
      kind: 'file',
      name: 'input:0',
      path: 'x.npy',
      format: 'npy',
    });
    assert.deepEqual(parseInputSpec('C:\\data\\x.npy').entries[0], {
      kind: 'file',
      name: null,
      path: 'C:\\data\\x.npy',
      format: 'npy',
    });
    assert.deepEqual(parseInputSpec('data:D:/in/x.npy').entries[0], {
      kind: 'file',
      name: 'data',
      path: 'D:/in/x.npy',
      format: 'npy',
    });
  });

  it('explains bad entries', () => {
    assert.match(parseInputSpec('x.bin').errors[0]!, /must be \.npy or \.json/);
    assert.match(parseInputSpec('d:[1,0]').errors[0]!, /positive integers/);
    assert.match(parseInputSpec('d:[1,x]').errors[0]!, /positive integers/);
    assert.match(parseInputSpec('a.npy;b.npy').errors[0]!, /name each one/);
    assert.deepEqual(parseInputSpec(' ; ').errors, ['empty --input']);
  });

  it('parses free dimension overrides', () => {
    assert.deepEqual(parseFreeDimensionOverride('batch=4, seq=128'), {
      dims: { batch: 4, seq: 128 },
      errors: [],
    });
    assert.equal(parseFreeDimensionOverride('batch=-1').errors.length, 1);
    assert.equal(parseFreeDimensionOverride('batch=1.5').errors.length, 1);
  });
});

describe('.npy reader', () => {
  it('round-trips float32 and int64 arrays written the numpy way', () => {
    const f = writeNpy({ dtype: 'float32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6.5]) });
    // numpy aligns the data start to 64 bytes
    assert.equal((f.length - 24) % 64, 0);
    const r = readNpy(f);
    assert.ok(!('error' in r));
    assert.equal(r.dtype, 'float32');
    assert.deepEqual(r.shape, [2, 3]);
    assert.deepEqual(Array.from(r.data as Float32Array), [1, 2, 3, 4, 5, 6.5]);
    const i = readNpy(writeNpy({ dtype: 'int64', shape: [3], data: BigInt64Array.from([1n, -2n, 3n]) }));
    assert.ok(!('error' in i));
    assert.deepEqual(Array.from(i.data as BigInt64Array), [1n, -2n, 3n]);
  });

  it('reads a real numpy 1.0 header byte for byte', () => {
    // np.save(f, np.arange(3, dtype='<f4')) header, as numpy writes it
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
    const padded = header + ' '.repeat(128 - 10 - header.length - 1) + '\n';
    const bytes = new Uint8Array(128 + 12);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length, 0]);
    bytes.set(new TextEncoder().encode(padded), 10);
    bytes.set(new Uint8Array(Float32Array.from([0, 1, 2]).buffer), 128);
    const r = readNpy(bytes);
    assert.ok(!('error' in r));
    assert.deepEqual([r.shape, Array.from(r.data as Float32Array)], [[3], [0, 1, 2]]);
  });

  it('explains what it cannot read', () => {
    assert.deepEqual(readNpy(new TextEncoder().encode('hello world')), {
      error: 'not a .npy file (bad magic)',
    });
    const big = writeNpy({ dtype: 'float32', shape: [2], data: Float32Array.from([1, 2]) });
    const be = new TextDecoder('latin1').decode(big).replace("'<f4'", "'>f4'");
    assert.match(
      (readNpy(Uint8Array.from(be, (c) => c.charCodeAt(0))) as { error: string }).error,
      /unsupported .npy dtype '>f4'/,
    );
    assert.match((readNpy(big.subarray(0, big.length - 2)) as { error: string }).error, /truncated/);
    const fortran = new TextDecoder('latin1').decode(big).replace('False', 'True ');
    assert.match(
      (readNpy(Uint8Array.from(fortran, (c) => c.charCodeAt(0))) as { error: string }).error,
      /Fortran/,
    );
  });
});

describe('ORT input tensors', () => {
  it('fills free dimensions with 1 by default and says so; seeded data repeats', () => {
    const a = prepareInputs({ metadata: CNN, entries: [], freeDims: {}, seed: 5, readFile: noFiles });
    assert.deepEqual(a.inputs[0]!.dims, [1, 3, 4, 4]);
    assert.equal(a.inputs[0]!.source, 'random');
    assert.match(a.notes[0]!, /free dimension 'batch' of input 'data' set to 1/);
    const b = prepareInputs({ metadata: CNN, entries: [], freeDims: {}, seed: 5, readFile: noFiles });
    assert.deepEqual(
      Array.from(a.inputs[0]!.data as Float32Array),
      Array.from(b.inputs[0]!.data as Float32Array),
    );
    const c = prepareInputs({ metadata: CNN, entries: [], freeDims: {}, seed: 6, readFile: noFiles });
    assert.notDeepEqual(
      Array.from(a.inputs[0]!.data as Float32Array),
      Array.from(c.inputs[0]!.data as Float32Array),
    );
    const values = Array.from(a.inputs[0]!.data as Float32Array);
    assert.ok(values.every((v) => v >= 0 && v < 1));
  });

  it('uses free dimension overrides and reports ones that match nothing', () => {
    const r = prepareInputs({
      metadata: TWO,
      entries: [],
      freeDims: { batch: 2, seq: 5, heads: 3 },
      seed: 0,
      readFile: noFiles,
    });
    assert.deepEqual(
      r.inputs.map((i) => [i.name, i.type, i.dims]),
      [
        ['ids', 'int64', [2, 5]],
        ['mask', 'bool', [2, 5]],
      ],
    );
    assert.ok(r.inputs[0]!.data instanceof BigInt64Array);
    assert.ok(Array.from(r.inputs[1]!.data as Uint8Array).every((v) => v === 0 || v === 1));
    assert.deepEqual(r.notes, ["--free-dimension-override 'heads' matches no symbolic input dimension"]);
  });

  it('takes shapes from --input and checks them against fixed dimensions', () => {
    const r = prepareInputs({
      metadata: CNN,
      entries: parseInputSpec('data:[8,3,4,4]').entries,
      freeDims: {},
      seed: 0,
      readFile: noFiles,
    });
    assert.deepEqual([r.inputs[0]!.dims, r.inputs[0]!.source], [[8, 3, 4, 4], 'shape']);
    assert.throws(
      () =>
        prepareInputs({
          metadata: CNN,
          entries: parseInputSpec('[1,3,5,4]').entries,
          freeDims: {},
          seed: 0,
          readFile: noFiles,
        }),
      (e: Error) => e instanceof InputError && /dimension 2 is 4 in the model, 5 in --input/.test(e.message),
    );
    assert.throws(
      () =>
        prepareInputs({
          metadata: CNN,
          entries: parseInputSpec('[1,3,4]').entries,
          freeDims: {},
          seed: 0,
          readFile: noFiles,
        }),
      /rank 4/,
    );
    assert.throws(
      () =>
        prepareInputs({
          metadata: CNN,
          entries: parseInputSpec('image:[1,3,4,4]').entries,
          freeDims: {},
          seed: 0,
          readFile: noFiles,
        }),
      /names 'image', but the model's inputs are: data/,
    );
  });

  it('reads .npy and JSON files, converting types with a note', () => {
    const files: Record<string, Uint8Array> = {
      'x.npy': writeNpy({
        dtype: 'float64',
        shape: [1, 3, 4, 4],
        data: Float64Array.from({ length: 48 }, (_, i) => i / 2),
      }),
      'x.json': new TextEncoder().encode(
        JSON.stringify({ ids: [[1, 2, 3]], mask: { dims: [1, 3], data: [true, false, true] } }),
      ),
      'bad.json': new TextEncoder().encode('{oops'),
    };
    const readFile = (p: string): Uint8Array => files[p] ?? noFiles(p);
    const n = prepareInputs({
      metadata: CNN,
      entries: parseInputSpec('x.npy').entries,
      freeDims: {},
      seed: 0,
      readFile,
    });
    assert.equal(n.inputs[0]!.source, 'file');
    assert.equal((n.inputs[0]!.data as Float32Array)[5], 2.5);
    assert.deepEqual(n.notes, ["x.npy: float64 values converted to the model's float32 for input 'data'"]);

    const j = prepareInputs({
      metadata: TWO,
      entries: parseInputSpec('x.json').entries,
      freeDims: {},
      seed: 0,
      readFile,
    });
    assert.deepEqual(Array.from(j.inputs[0]!.data as BigInt64Array), [1n, 2n, 3n]);
    assert.deepEqual(Array.from(j.inputs[1]!.data as Uint8Array), [1, 0, 1]);
    assert.deepEqual(j.inputs[1]!.dims, [1, 3]);

    assert.throws(
      () =>
        prepareInputs({
          metadata: TWO,
          entries: parseInputSpec('bad.json').entries,
          freeDims: {},
          seed: 0,
          readFile,
        }),
      /bad.json: not valid JSON/,
    );
    assert.throws(
      () =>
        prepareInputs({
          metadata: CNN,
          entries: parseInputSpec('gone.npy').entries,
          freeDims: {},
          seed: 0,
          readFile,
        }),
      /input file not found: gone.npy/,
    );
    assert.throws(
      () =>
        prepareInputs({
          metadata: TWO,
          entries: parseInputSpec('x.npy').entries,
          freeDims: {},
          seed: 0,
          readFile,
        }),
      /the model has 2 inputs \(ids, mask\); name them/,
    );
  });
});

describe('.npy reader on Node Buffers', () => {
  it('reads from a Buffer that is a view into a larger pool', () => {
    const file = writeNpy({ dtype: 'float32', shape: [2], data: Float32Array.from([7, 8]) });
    const pool = Buffer.alloc(file.length + 100);
    Buffer.from(file).copy(pool, 37);
    const view = pool.subarray(37, 37 + file.length);
    const r = readNpy(view);
    assert.ok(!('error' in r));
    assert.deepEqual(Array.from(r.data as Float32Array), [7, 8]);
  });
});

// Writes the project's own sample ONNX model, samples/onnx/small_cnn.onnx: a 6-layer 3x3 CNN made
// with onnx-proto (protobufjs classes for ONNX's schema), so a fresh clone can benchmark real
// inference without downloading anything. Deterministic: a seeded PRNG makes every byte repeatable,
// so the committed file and a regenerated one are identical.
//
// The graph is built so that ONNX Runtime's optimisation levels matter:
//   - Conv -> BatchNormalization          (fused into the conv at `basic`: ConvBNFusion)
//   - Conv -> Mul(per-channel) -> Add     (fused at `basic`: ConvMulFusion, ConvAddFusion)
//   - Conv(+fused) -> Relu                (fused at `extended`: ConvActivationFusion)
//   - channels multiple of 8/16           (NCHWc blocked layout at `all` on x86 AVX2/AVX-512)
// With `disabled`, every BatchNormalization/Mul/Add/Relu is a separate pass over the activation.
//
// Usage: node scripts/make-sample-onnx.mjs [--out samples/onnx/small_cnn.onnx] [--check]
//   --check  also loads the model with onnxruntime-node and prints disabled-vs-all medians.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const outIdx = argv.indexOf('--out');
const outPath = resolve(
  outIdx >= 0 ? argv[outIdx + 1] : resolve(here, '..', 'samples', 'onnx', 'small_cnn.onnx'),
);

/** mulberry32: tiny, well-known 32-bit PRNG; enough for repeatable weights. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20240607);
/** Uniform in [-scale, scale]. */
const uniform = (n, scale) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
const around = (n, centre, spread) =>
  Float32Array.from({ length: n }, () => centre + (rand() * 2 - 1) * spread);

const initializers = [];
const nodes = [];

function tensor(name, dims, data) {
  initializers.push(
    onnx.TensorProto.create({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    }),
  );
  return name;
}

const attrInts = (name, ints) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
const attrFloat = (name, f) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });
const attrInt = (name, i) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });

function node(opType, inputs, outputs, attribute = []) {
  nodes.push(
    onnx.NodeProto.create({
      opType,
      input: inputs,
      output: outputs,
      name: outputs[0] + '_' + opType,
      attribute,
    }),
  );
  return outputs[0];
}

/** 3x3 conv, pad 1; He-uniform weights keep activations in a sane range through six layers. */
function conv(x, name, cin, cout, { stride = 1, bias = false } = {}) {
  const w = tensor(`${name}.w`, [cout, cin, 3, 3], uniform(cout * cin * 9, Math.sqrt(6 / (cin * 9))));
  const inputs = [x, w];
  if (bias) inputs.push(tensor(`${name}.b`, [cout], uniform(cout, 0.05)));
  return node(
    'Conv',
    inputs,
    [`${name}.out`],
    [attrInts('kernel_shape', [3, 3]), attrInts('pads', [1, 1, 1, 1]), attrInts('strides', [stride, stride])],
  );
}

function batchNorm(x, name, c) {
  return node(
    'BatchNormalization',
    [
      x,
      tensor(`${name}.gamma`, [c], around(c, 1, 0.1)),
      tensor(`${name}.beta`, [c], uniform(c, 0.1)),
      tensor(`${name}.mean`, [c], uniform(c, 0.1)),
      tensor(`${name}.var`, [c], around(c, 1, 0.2)),
    ],
    [`${name}.bn`],
    [attrFloat('epsilon', 1e-5)],
  );
}

/** Per-channel scale and shift as separate Mul and Add nodes (what exporters emit for folded affine layers). */
function mulAdd(x, name, c) {
  const m = node('Mul', [x, tensor(`${name}.scale`, [c, 1, 1], around(c, 1, 0.1))], [`${name}.mul`]);
  return node('Add', [m, tensor(`${name}.shift`, [c, 1, 1], uniform(c, 0.1))], [`${name}.add`]);
}

const relu = (x, name) => node('Relu', [x], [`${name}.relu`]);

// Input: batch is a free (symbolic) dimension so `--free-dimension-override batch=N` means something.
let x = 'data';
x = relu(batchNorm(conv(x, 'conv1', 3, 32), 'conv1', 32), 'conv1');
x = relu(mulAdd(conv(x, 'conv2', 32, 32, { bias: true }), 'conv2', 32), 'conv2');
x = relu(batchNorm(conv(x, 'conv3', 32, 64, { stride: 2 }), 'conv3', 64), 'conv3');
x = relu(mulAdd(conv(x, 'conv4', 64, 64, { bias: true }), 'conv4', 64), 'conv4');
x = relu(batchNorm(conv(x, 'conv5', 64, 64), 'conv5', 64), 'conv5');
x = relu(batchNorm(conv(x, 'conv6', 64, 64), 'conv6', 64), 'conv6');
x = node('GlobalAveragePool', [x], ['pool']);
x = node('Flatten', [x], ['flat'], [attrInt('axis', 1)]);
node(
  'Gemm',
  [x, tensor('fc.w', [10, 64], uniform(640, 0.125)), tensor('fc.b', [10], uniform(10, 0.05))],
  ['logits'],
  [attrInt('transB', 1)],
);

const dim = (d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d });
const valueInfo = (name, dims) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map(dim) } } },
  });

const model = onnx.ModelProto.create({
  irVersion: 8,
  producerName: 'lar-explorer make-sample-onnx',
  producerVersion: '1',
  docString: 'Sample 6-layer 3x3 CNN for Load and Run Explorer (deterministic weights).',
  opsetImport: [{ domain: '', version: 13 }],
  graph: {
    name: 'small_cnn',
    node: nodes,
    initializer: initializers,
    input: [valueInfo('data', ['batch', 3, 64, 64])],
    output: [valueInfo('logits', ['batch', 10])],
  },
});

const bytes = onnx.ModelProto.encode(model).finish();
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, bytes);
console.log(`[make-sample-onnx] wrote ${outPath} (${bytes.length} bytes, ${nodes.length} nodes)`);

if (argv.includes('--check')) await check(outPath);

/** Loads the model and prints the median of 30 runs at `disabled` and `all`, interleaved. */
async function check(path) {
  const ort = (await import('onnxruntime-node')).default;
  const input = new ort.Tensor('float32', uniform(3 * 64 * 64, 1), [1, 3, 64, 64]);
  const sessions = {};
  for (const level of ['disabled', 'all']) {
    sessions[level] = await ort.InferenceSession.create(path, {
      graphOptimizationLevel: level,
      intraOpNumThreads: 1,
    });
    await sessions[level].run({ data: input });
  }
  const times = { disabled: [], all: [] };
  for (let i = 0; i < 30; i++) {
    for (const level of ['disabled', 'all']) {
      const t0 = process.hrtime.bigint();
      await sessions[level].run({ data: input });
      times[level].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const d = median(times.disabled);
  const a = median(times.all);
  console.log(
    `[make-sample-onnx] 1 thread, median of 30: disabled ${d.toFixed(2)} ms, all ${a.toFixed(2)} ms, ratio ${(d / a).toFixed(2)}`,
  );
}

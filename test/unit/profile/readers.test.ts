import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  operatorsByTime,
  ProfileFormatError,
  readProfileChunks,
  readProfileFile,
  sniffProfileKind,
  type OperatorProfile,
} from '../../../src/core/profile';

const FIX = join(__dirname, '..', '..', 'fixtures', 'profile');
const fixture = (name: string): string => join(FIX, name);
const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

function assertSumsAddUp(p: OperatorProfile): void {
  close(
    p.operators.reduce((a, o) => a + o.perRunMs, 0),
    p.perRunMs,
  );
  close(
    p.byType.reduce((a, t) => a + t.perRunMs, 0),
    p.perRunMs,
  );
  close(
    p.byType.reduce((a, t) => a + t.share, 0),
    1,
  );
  assert.equal(
    p.byType.reduce((a, t) => a + t.operators, 0),
    p.operators.length,
  );
}

describe('load_and_run --profile reader (real profiles)', () => {
  it('reads the mnist profile: 21 timed operators in comp_seq order, device and host times', async () => {
    const p = await readProfileFile(fixture('lar_mnist_profile.json'));
    const raw = JSON.parse(readFileSync(fixture('lar_mnist_profile.json'), 'utf8'));
    assert.equal(p.engine, 'load_and_run');
    assert.equal(p.clock, 'device');
    assert.equal(p.runs, 1);
    assert.equal(p.operators.length, 21);
    assert.deepEqual(
      p.operators.map((o) => o.id),
      raw.graph_exec.comp_seq,
    );
    // By hand: device 0.015327 - 0.015283 s for opr 111, host 0.026592 - 0.026588 s.
    const conv = p.operators.find((o) => o.id === '111')!;
    assert.equal(conv.name, 'conv(pooling[15],conv1.weight)[20]');
    assert.equal(conv.type, 'ConvolutionForward');
    close(conv.time.meanMs, 0.044, 1e-9);
    close(conv.host!.meanMs, 0.004, 1e-9);
    assert.equal(conv.time.sdMs, null);
    assert.deepEqual(conv.inputShapes, [
      [1, 20, 12, 12],
      [50, 20, 5, 5],
    ]);
    assert.deepEqual(conv.outputShapes, [[1, 50, 8, 8]]);
    assert.equal(conv.layout, 'NCHW');
    assert.equal(conv.dtype, 'Float32');
    assert.equal(conv.placement, 'cpu0:0');
    assert.equal(conv.memoryBytes, 124320);
    close(p.perRunMs, 0.14, 1e-9);
    close(p.hostPerRunMs!, 0.055, 1e-9);
    // 21 allocated chunks; static memory reuse gives several the same address: 1881312 bytes covered.
    assert.deepEqual(p.memoryChunks, { count: 21, bytes: 1881312 });
    assert.equal(operatorsByTime(p)[0]!.id, '111');
    assert.equal(p.byType[0]!.type, 'ConvolutionForward');
    assert.equal(p.byType[0]!.operators, 2);
    assertSumsAddUp(p);
  });

  it('reads the convnet profile: convolutions take 98% of one iteration (10.6 ms measured by the run)', async () => {
    const p = await readProfileFile(fixture('lar_convnet_profile.json'));
    assert.equal(p.operators.length, 55);
    close(p.perRunMs, 11.351, 1e-6);
    const conv = p.byType[0]!;
    assert.equal(conv.type, 'ConvolutionForward');
    assert.equal(conv.operators, 11);
    assert.ok(conv.share > 0.97 && conv.share < 0.99, String(conv.share));
    assertSumsAddUp(p);
  });
});

describe('ONNX Runtime trace reader (real trace of samples/onnx/small_cnn.onnx)', () => {
  const raw = JSON.parse(readFileSync(fixture('ort_small_cnn_profile.json'), 'utf8')) as Array<{
    cat: string;
    name: string;
    dur: number;
    ts: number;
  }>;
  const runs = raw.filter((e) => e.name === 'model_run');
  const nodes = raw.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));

  it('keeps every run when asked to, and its totals match the raw events', async () => {
    const p = await readProfileFile(fixture('ort_small_cnn_profile.json'), { warmupRuns: 0 });
    assert.equal(p.engine, 'onnxruntime');
    assert.equal(p.runs, runs.length);
    assert.equal(p.memoryChunks, null);
    close(p.perRunMs, nodes.reduce((a, e) => a + e.dur, 0) / 1000 / runs.length, 1e-9);
    assertSumsAddUp(p);
  });

  it('leaves out the warm-up run: the first model_run and every node event before it', async () => {
    const p = await readProfileFile(fixture('ort_small_cnn_profile.json'), { warmupRuns: 1 });
    const firstRunEnd = runs[0]!.ts + runs[0]!.dur;
    const timed = nodes.filter((e) => e.ts > firstRunEnd);
    assert.equal(p.runs, runs.length - 1);
    assert.equal(p.warmupRunsLeftOut, 1);
    close(p.perRunMs, timed.reduce((a, e) => a + e.dur, 0) / 1000 / (runs.length - 1), 1e-9);
    assert.ok(p.notes.some((n) => n.includes('warm-up')));
    const conv1 = p.operators.find((o) => o.name === 'conv1.relu_nchwc')!;
    assert.equal(conv1.type, 'Conv');
    assert.equal(conv1.position, 0);
    assert.equal(conv1.executions, runs.length - 1);
    assert.equal(conv1.placement, 'CPUExecutionProvider');
    assert.equal(conv1.dtype, 'float');
    assert.deepEqual(conv1.inputShapes[0], [1, 3, 64, 64]);
    const durs = timed.filter((e) => e.name === 'conv1.relu_nchwc_kernel_time').map((e) => e.dur / 1000);
    close(conv1.time.meanMs, durs.reduce((a, v) => a + v, 0) / durs.length, 1e-9);
    close(conv1.time.minMs, Math.min(...durs));
    close(conv1.time.maxMs, Math.max(...durs));
    assert.ok(conv1.time.sdMs !== null && conv1.time.sdMs >= 0);
    assert.equal(p.byType[0]!.type, 'Conv');
    assert.equal(p.byType[0]!.operators, 6);
    assertSumsAddUp(p);
  });

  it('shows a trace of warm-up runs only, and says so', async () => {
    const p = await readProfileFile(fixture('ort_small_cnn_profile.json'), { warmupRuns: 99 });
    assert.equal(p.runs, runs.length);
    assert.equal(p.warmupRunsLeftOut, 0);
    assert.ok(p.notes.some((n) => n.startsWith(`All ${runs.length} runs are warm-up`)));
  });
});

describe('readProfileChunks', () => {
  it('gives the same profile for any chunking, bytes split inside multi-byte characters included', async () => {
    const text = readFileSync(fixture('lar_mnist_profile.json'), 'utf8').replaceAll(
      'conv(pooling[15],conv1.weight)[20]',
      '卷积(pooling[15],conv1.weight)[20]',
    );
    const whole = await readProfileChunks([text]);
    const bytes = Buffer.from(text, 'utf8');
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 5) pieces.push(bytes.subarray(i, i + 5));
    const split = await readProfileChunks(pieces);
    assert.deepEqual(split, whole);
    assert.equal(split.operators.find((o) => o.id === '111')!.name, '卷积(pooling[15],conv1.weight)[20]');
  });

  it('tells which engine wrote a file from its first characters', () => {
    assert.equal(sniffProfileKind('\uFEFF [\n{"cat"'), 'onnxruntime');
    assert.equal(sniffProfileKind('{ "traceEvents": []}'), 'onnxruntime');
    assert.equal(sniffProfileKind('{ "profiler": {'), 'load_and_run');
    assert.equal(sniffProfileKind('{"graph_exec": {'), 'load_and_run');
    assert.equal(sniffProfileKind('{"iterations": 3}'), null);
  });

  it('rejects what is not a profile with a clear message, naming the file', async () => {
    await assert.rejects(readProfileChunks(['{"hello": 1}']), /not a profile/);
    await assert.rejects(readProfileChunks(['  ']), /empty/);
    await assert.rejects(readProfileChunks(['[]']), /no trace events/);
    await assert.rejects(
      readProfileChunks(['{"profiler": {"host": {}}, "graph_exec": {}}']),
      /no operator timings/,
    );
    const truncated = readFileSync(fixture('lar_mnist_profile.json'), 'utf8').slice(0, 20000);
    await assert.rejects(readProfileChunks([truncated]), (e: Error) => {
      assert.ok(e instanceof ProfileFormatError);
      assert.match(e.message, /ends early/);
      return true;
    });
    await assert.rejects(readProfileFile(join(FIX, '..', 'onnx', 'run_all.stdout')), (e: Error) => {
      assert.ok(e instanceof ProfileFormatError);
      assert.match(e.message, /run_all\.stdout: not a profile/);
      return true;
    });
  });
});

import assert from 'node:assert/strict';
import { copyFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RecordStore } from '../../../src/core/records/recordStore';
import { CliWorkspace } from './cliHarness';

const SAMPLE = resolve('samples/onnx/small_cnn.onnx');

describe('lar-explorer run on an ONNX model (embedded ONNX Runtime, real inference)', function () {
  this.timeout(60_000);
  let ws: CliWorkspace;
  beforeEach(async () => {
    ws = await CliWorkspace.create();
    await copyFile(SAMPLE, join(ws.dir, 'small cnn.onnx'));
  });
  afterEach(async () => ws.dispose());

  it('runs the sample model with the chosen optimisation level and saves an onnxruntime record', async () => {
    const r = await ws.run([
      'run',
      '--save',
      'small cnn.onnx',
      '--',
      '--graph-optimization-level',
      'disabled',
      '--iter',
      '5',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /ortRunnerProgram\.ts 'small cnn\.onnx' --graph-optimization-level disabled --iter 5\n/,
    );
    // An ONNX run has no test cases: its total is the runner's.
    assert.match(r.stdout, /\ntotal in the runner: \d+\.\d{3} ms\n/);
    assert.doesNotMatch(r.stdout, /test cases/);
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    assert.equal(records.length, 1);
    const rec = records[0]!;
    assert.equal(rec.engine, 'onnxruntime');
    assert.equal(rec.status, 'ok');
    assert.deepEqual(rec.flags, { 'graph-optimization-level': 'disabled', iter: 5 });
    assert.equal(rec.result!.iterations.length, 5);
    assert.ok(rec.result!.phases.inference!.meanMs > 0);
    assert.ok(rec.result!.phases.loadMs! > 0);
  });

  it('refuses --target and --lar for ONNX models with a usage error', async () => {
    const t = await ws.run(['run', '--target', 'board1', 'small cnn.onnx']);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /embedded ONNX Runtime on this machine only/);
    const l = await ws.run(['run', '--lar', '/bin/true', 'small cnn.onnx']);
    assert.equal(l.code, 2);
    assert.match(l.stderr, /--lar is for load_and_run models/);
  });

  it('reports a bad option value before running', async () => {
    const r = await ws.run(['run', 'small cnn.onnx', '--', '--graph-optimization-level', 'fastest']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /graph-optimization-level/);
  });

  it('explains an ONNX failure with its coded reason, in the user’s language', async () => {
    await writeFile(join(ws.dir, 'broken.onnx'), 'not a protobuf');
    const en = await ws.run(['run', '--save', 'broken.onnx', '--', '--iter', '2']);
    assert.equal(en.code, 1, en.stderr);
    assert.match(en.stdout, /reason: ONNX Runtime could not load the model: /);
    const zh = await ws.run(['run', 'broken.onnx', '--', '--iter', '2'], {
      env: { LAR_EXPLORER_LANG: 'zh_CN' },
    });
    assert.equal(zh.code, 1, zh.stderr);
    assert.match(zh.stdout, /原因：ONNX Runtime 无法加载该模型：/);
    const [rec] = (await RecordStore.forWorkspace(ws.dir).list()).records;
    assert.equal(rec!.status, 'failed');
    assert.match(rec!.reason!, /^ONNX Runtime could not load the model: /);
    assert.match(rec!.reasonZh!, /^ONNX Runtime 无法加载该模型：/, 'the record keeps both languages');
  });
});

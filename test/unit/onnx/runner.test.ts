// Real runs of the ONNX Runtime runner program (from source via tsx) on the project's sample model.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ortRunnerFromSource, ortEngine } from '../../../src/core/engines/onnx';
import type { OrtOutputParser } from '../../../src/core/engines/onnx/outputParser';
import { writeNpy } from '../../../src/core/engines/onnx/npy';
import type { FlagSet, ParsedResult } from '../../../src/core/engine';

const ROOT = resolve(__dirname, '..', '..', '..');
const MODEL = join(ROOT, 'samples', 'onnx', 'small_cnn.onnx');

interface RunResult {
  code: number | null;
  stdout: string;
  result: ParsedResult;
  errorCode: string | null;
}

function runOrt(model: string, flags: FlagSet, extraArgs: string[] = []): Promise<RunResult> {
  const inv = ortRunnerFromSource(ROOT);
  const args = [...inv.argsPrefix, ...ortEngine.buildArgs({ model, flags }), ...extraArgs];
  return new Promise((done) => {
    execFile(inv.program, args, { cwd: ROOT, env: { ...process.env, ...inv.env } }, (err, stdout, stderr) => {
      const parser = ortEngine.createParser() as OrtOutputParser;
      parser.push(stdout, 'stdout');
      parser.push(stderr, 'stderr');
      parser.end();
      const code = err ? ((err as { code?: number }).code ?? null) : 0;
      done({ code, stdout, result: parser.result(), errorCode: parser.errorCode });
    });
  });
}

const errorText = (r: ParsedResult): string => r.messages.find((m) => m.level === 'error')?.text ?? '';

describe('ORT runner program (real runs on samples/onnx/small_cnn.onnx)', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'ort-runner-test-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the committed sample model exists and is small', () => {
    assert.ok(statSync(MODEL).size < 1 << 20);
  });

  it('disabled vs all: two complete parsed results with 5+ timed runs and the same outputs', async () => {
    const common = { iter: 6, 'warmup-iter': 1, 'intra-op-threads': 1, seed: 3 };
    const off = await runOrt(MODEL, { ...common, 'graph-optimization-level': 'disabled' });
    const all = await runOrt(MODEL, { ...common, 'graph-optimization-level': 'all' });
    for (const r of [off, all]) {
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.result.complete, true);
      assert.equal(r.result.engine, 'onnxruntime');
      assert.equal(r.result.tool.version, '1.30.0');
      assert.equal(r.result.iterations.length, 6);
      assert.equal(r.result.phases.warmupMs.length, 1);
      assert.ok(r.result.phases.loadMs! > 0);
      assert.ok(r.result.phases.inference!.medianMs > 0.1 && r.result.phases.inference!.medianMs < 1000);
      assert.ok(r.result.totalMs! > r.result.phases.loadMs!);
      assert.ok(
        r.result.messages.some(
          (m) =>
            m.text ===
            '--iter 6 gives a weak mean: fewer than 10 timed runs make the spread and confidence interval unreliable.',
        ),
      );
    }
    assert.match(off.stdout, /"graphOptimizationLevel":"disabled"/);
    assert.match(all.stdout, /"graphOptimizationLevel":"all"/);
    // Fusions must not change the answer: same seeded input, same output fingerprint.
    const mean = (r: RunResult): number => Number(/"mean":(-?[\d.e-]+)/.exec(r.stdout)![1]);
    assert.ok(Math.abs(mean(off) - mean(all)) < 1e-4, `${mean(off)} vs ${mean(all)}`);
  });

  it('a missing model fails with exit 1 and a clear message', async () => {
    const r = await runOrt(join(tmp, 'nope.onnx'), {});
    assert.equal(r.code, 1);
    assert.equal(r.errorCode, 'model-missing');
    assert.equal(errorText(r.result), `model file not found: ${join(tmp, 'nope.onnx')}`);
    assert.equal(r.result.complete, false);
  });

  it('a bad enum value fails before loading, naming the allowed values', async () => {
    const r = await runOrt(MODEL, { 'graph-optimization-level': 'fastest' });
    assert.equal(r.code, 1);
    assert.equal(r.errorCode, 'bad-option');
    assert.match(
      errorText(r.result),
      /--graph-optimization-level 'fastest' is not one of: disabled, basic, extended, layout, all/,
    );
    assert.equal(r.result.tool.version, null, 'onnxruntime was never loaded');
  });

  it('an unknown flag is a usage error', async () => {
    const r = await runOrt(MODEL, {}, ['--fast-run']);
    assert.equal(r.code, 1);
    assert.equal(r.errorCode, 'usage');
    assert.match(errorText(r.result), /unknown argument\(s\): --fast-run/);
  });

  it('a file that is not ONNX is model-invalid', async () => {
    const bad = join(tmp, 'bad.onnx');
    writeFileSync(bad, 'not a model');
    const r = await runOrt(bad, {});
    assert.equal(r.code, 1);
    assert.equal(r.errorCode, 'model-invalid');
    assert.match(errorText(r.result), /session creation failed: .*Protobuf parsing failed/);
  });

  it('optimized-model-path writes a model that loads and runs, and reports the save time', async () => {
    const out = join(tmp, 'small_cnn.opt.onnx');
    const r = await runOrt(MODEL, {
      'graph-optimization-level': 'extended',
      'optimized-model-path': out,
      iter: 10,
    });
    assert.equal(r.code, 0, r.stdout);
    assert.ok(existsSync(out) && statSync(out).size > 100000);
    assert.equal(typeof r.result.phases.configMs, 'number');
    assert.ok(r.result.messages.some((m) => /^optimised model saved: about -?[\d.]+ ms extra/.test(m.text)));
    const again = await runOrt(out, { 'graph-optimization-level': 'disabled', iter: 10 });
    assert.equal(again.code, 0, again.stdout);
    assert.equal(again.result.complete, true);
    const fused = readFileSync(out);
    assert.ok(
      !fused.includes(Buffer.from('BatchNormalization')),
      'extended fuses every BatchNormalization into its Conv',
    );
  });

  it('refuses to write the optimised model over the model itself', async () => {
    const r = await runOrt(MODEL, { 'optimized-model-path': MODEL });
    assert.equal(r.code, 1);
    assert.equal(r.errorCode, 'bad-option');
    assert.equal(errorText(r.result), '--optimized-model-path must not be the model file itself');
    assert.ok(statSync(MODEL).size > 500000, 'the sample model is intact');
  });

  it('profile writes per-operator JSON to the requested path', async () => {
    const prof = join(tmp, 'profile.json');
    const r = await runOrt(MODEL, { profile: prof, iter: 10 });
    assert.equal(r.code, 0, r.stdout);
    const events = JSON.parse(readFileSync(prof, 'utf8')) as Array<{
      cat?: string;
      name?: string;
      args?: { op_name?: string };
    }>;
    assert.ok(events.some((e) => e.cat === 'Node' && e.args?.op_name === 'Conv'));
    assert.ok(r.result.messages.some((m) => m.text === `profile written to ${prof}`));
  });

  it('free-dimension-override sets the batch; --input reads a .npy file', async () => {
    const batch = await runOrt(MODEL, { 'free-dimension-override': 'batch=2', iter: 10 });
    assert.equal(batch.code, 0, batch.stdout);
    assert.ok(batch.result.messages.some((m) => m.text === 'input data: float32 [2,3,64,64] from random'));
    assert.ok(batch.result.messages.some((m) => /^output logits: \[2,10\]/.test(m.text)));

    const npy = join(tmp, 'in.npy');
    writeFileSync(
      npy,
      writeNpy({ dtype: 'float32', shape: [1, 3, 64, 64], data: new Float32Array(3 * 64 * 64).fill(0.5) }),
    );
    const file = await runOrt(MODEL, { input: npy, iter: 10 });
    assert.equal(file.code, 0, file.stdout);
    assert.ok(file.result.messages.some((m) => m.text === 'input data: float32 [1,3,64,64] from file'));

    const wrong = await runOrt(MODEL, { input: 'data:[1,3,32,32]' });
    assert.equal(wrong.code, 1);
    assert.equal(wrong.errorCode, 'input');
    assert.equal(errorText(wrong.result), "input 'data' dimension 2 is 64 in the model, 32 in --input");
  });
});

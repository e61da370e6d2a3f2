// The committed sample model is exactly what scripts/make-sample-onnx.mjs writes (seeded weights).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('sample ONNX model', function () {
  this.timeout(30000);
  it('regenerates byte for byte, under 1 MB, with the fusable patterns in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sample-onnx-'));
    try {
      const out = join(dir, 'small_cnn.onnx');
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-sample-onnx.mjs'), '--out', out], {
        stdio: 'pipe',
      });
      const fresh = readFileSync(out);
      const committed = readFileSync(join(ROOT, 'samples', 'onnx', 'small_cnn.onnx'));
      assert.ok(
        fresh.equals(committed),
        'samples/onnx/small_cnn.onnx is stale: run node scripts/make-sample-onnx.mjs',
      );
      assert.ok(fresh.length < 1 << 20);
      for (const op of ['Conv', 'BatchNormalization', 'Mul', 'Add', 'Relu', 'GlobalAveragePool', 'Gemm']) {
        assert.ok(fresh.includes(Buffer.from(op)), op);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

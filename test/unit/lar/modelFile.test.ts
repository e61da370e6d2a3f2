import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readModelFacts } from '../../../src/core/benchmark/modelFacts';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';

const SAMPLES = path.resolve(import.meta.dirname, '..', '..', '..', 'samples', 'models');

describe('a MegEngine model file: embedded test case or not (the contract’s modelFacts)', () => {
  it('tells the real models apart by their first bytes', async () => {
    assert.equal((await readModelFacts(larEngine, path.join(SAMPLES, 'mnist_real.mge')))?.hasTestcase, true);
    assert.equal(
      (await readModelFacts(larEngine, path.join(SAMPLES, 'mnist_real_notest.mge')))?.hasTestcase,
      false,
    );
  });

  it('says no test case for a short, missing or unrelated file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lar-model-'));
    writeFileSync(path.join(dir, 'short.mge'), 'mgbtes');
    assert.notEqual((await readModelFacts(larEngine, path.join(dir, 'short.mge')))?.hasTestcase, true);
    assert.notEqual((await readModelFacts(larEngine, path.join(dir, 'missing.mge')))?.hasTestcase, true);
    rmSync(dir, { recursive: true, force: true });
  });

  it("blocks the guide's recipes on a model with a test case, with the reason in both languages", () => {
    assert.equal(larEngine.recipesBlocked!({ hasTestcase: false }), null);
    assert.equal(larEngine.recipesBlocked!({}), null);
    const why = larEngine.recipesBlocked!({ hasTestcase: true });
    assert.match(why!.en, /embedded test case.*step 1/);
    assert.match(why!.zh, /测试用例/);
    // ONNX Runtime has no recipes to block.
    assert.equal(ortEngine.recipesBlocked, undefined);
    assert.deepEqual(ortEngine.recipes, []);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasEmbeddedTestcase } from '../../../src/core/engines/lar/modelFile';
import { recipesBlockedFor } from '../../../src/core/engines/lar/recipes';

const SAMPLES = path.resolve(import.meta.dirname, '..', '..', '..', 'samples', 'models');

describe('a MegEngine model file: embedded test case or not', () => {
  it('tells the real models apart by their first bytes', async () => {
    assert.equal(await hasEmbeddedTestcase(path.join(SAMPLES, 'mnist_real.mge')), true);
    assert.equal(await hasEmbeddedTestcase(path.join(SAMPLES, 'mnist_real_notest.mge')), false);
  });

  it('says no for a short, missing or unrelated file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lar-model-'));
    writeFileSync(path.join(dir, 'short.mge'), 'mgbtes');
    assert.equal(await hasEmbeddedTestcase(path.join(dir, 'short.mge')), false);
    assert.equal(await hasEmbeddedTestcase(path.join(dir, 'missing.mge')), false);
  });

  it("blocks the guide's recipes on a model with a test case, with the reason in both languages", () => {
    assert.equal(recipesBlockedFor({ hasTestcase: false }), null);
    const why = recipesBlockedFor({ hasTestcase: true });
    assert.match(why!.en, /embedded test case.*step 1/);
    assert.match(why!.zh, /测试用例/);
  });
});

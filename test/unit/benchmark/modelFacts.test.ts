import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { readModelFacts } from '../../../src/core/benchmark/modelFacts';
import { planRun } from '../../../src/core/benchmark/runPlan';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';

const MODELS = resolve('samples/models');

describe('readModelFacts (the model file’s head, read by the engine)', () => {
  it('tells a dump packed with its test case from the bare graph (the real models)', async () => {
    assert.deepEqual(await readModelFacts(larEngine, resolve(MODELS, 'mnist_real.mge')), {
      hasTestcase: true,
    });
    assert.deepEqual(await readModelFacts(larEngine, resolve(MODELS, 'mnist_real_notest.mge')), {
      hasTestcase: false,
    });
  });

  it('has no facts for an unreadable file or an engine that reads none', async () => {
    assert.equal(await readModelFacts(larEngine, resolve(MODELS, 'no-such.mge')), undefined);
    assert.equal(await readModelFacts(ortEngine, resolve('samples/onnx/small_cnn.onnx')), undefined);
  });

  it('makes the real-log rule reachable: a layout dump of a model with a test case warns', async () => {
    const flags = { 'layout-transform': 'cpu', 'layout-transform-dump': 'lt.mge' };
    const facts = await readModelFacts(larEngine, resolve(MODELS, 'mnist_real.mge'));
    const plan = planRun(larEngine, 'mnist_real.mge', flags, undefined, { modelFacts: facts! });
    assert.ok(plan.problems.some((p) => p.rule === 'layout-dump-with-testcase'));
  });
});

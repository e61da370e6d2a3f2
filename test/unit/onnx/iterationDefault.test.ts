import assert from 'node:assert/strict';
import { ITERATION_ADVICE, ONNX_DEFAULT_ITER } from '../../../src/core/engines/iterationAdvice';
import { ortFlag } from '../../../src/core/engines/onnx/catalog';
import { planOrtRun } from '../../../src/core/engines/onnx/sessionOptions';

describe('default iteration counts, from measured noise', () => {
  it('our ONNX runner times 100 iterations when --iter is not given, and the catalogue says so', () => {
    assert.equal(ONNX_DEFAULT_ITER, 100);
    assert.equal(ortFlag('iter')?.default, ONNX_DEFAULT_ITER);
    assert.equal(planOrtRun({}).iter, ONNX_DEFAULT_ITER);
  });

  it('explains the count per engine with the figures it came from, in both languages', () => {
    for (const advice of Object.values(ITERATION_ADVICE)) {
      assert.ok(advice.iter >= 100);
      assert.match(advice.reason.en, /46%.*5\.7%/);
      assert.match(advice.reason.zh, /46%.*5\.7%/);
    }
    assert.match(ITERATION_ADVICE.load_and_run.reason.en, /own default is 10/);
  });
});

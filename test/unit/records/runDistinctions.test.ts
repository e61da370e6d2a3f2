import assert from 'node:assert/strict';
import { distinguishRuns, shortFlag } from '../../../src/core/records/runDistinctions';
import { sampleRecord } from './sampleRecord';

describe('what tells sibling runs apart (Models view labels)', () => {
  it('keeps the value of a long valued flag in sight', () => {
    assert.equal(shortFlag('--graph-optimization-level=disabled'), 'level=disabled');
    assert.equal(shortFlag('--iter=50'), 'iter=50');
    assert.equal(shortFlag('--fast-run'), '--fast-run');
  });

  it('leaves out what every sibling shares: two ONNX runs differ by their level only', () => {
    const common = { iter: 100, 'warmup-iter': 5, 'intra-op-threads': 1 };
    const a = sampleRecord({ flags: { ...common, 'graph-optimization-level': 'disabled' } });
    const b = sampleRecord({ flags: { ...common, 'graph-optimization-level': 'all' } });
    const d = distinguishRuns([a, b]);
    assert.deepEqual(d.get(a.id), { only: ['level=disabled'], lacks: [] });
    assert.deepEqual(d.get(b.id), { only: ['level=all'], lacks: [] });
  });

  it('names the flags a run leaves out, and the target only when the siblings differ in it', () => {
    const a = sampleRecord({ flags: { iter: 12, 'fast-run': true }, target: 'local' });
    const b = sampleRecord({ flags: { iter: 12, 'fast-run': false }, target: 'ssh:board1' });
    const d = distinguishRuns([a, b]);
    assert.deepEqual(d.get(a.id), { only: ['--fast-run'], lacks: [], target: 'local' });
    assert.deepEqual(d.get(b.id), { only: [], lacks: ['--fast-run'], target: 'ssh:board1' });
    const same = distinguishRuns([a, sampleRecord({ flags: {}, target: 'local' })]);
    assert.equal(same.get(a.id)?.target, undefined);
  });
});

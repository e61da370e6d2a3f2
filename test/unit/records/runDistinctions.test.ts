import assert from 'node:assert/strict';
import { distinguishRuns, shortFlag } from '../../../src/core/records/runDistinctions';
import type { FlagSet } from '../../../src/core/engine';
import { distinguishRunsQuadratic } from './distinctionsReference';
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

  it('gives exactly what the first (quadratic) algorithm gave, on random sibling sets', () => {
    let seed = 15;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const names = [
      'fast-run',
      'iter',
      'weight-preprocess',
      'enable-nchw88',
      'graph-optimization-level',
      'cpu',
    ];
    const values: Array<FlagSet[string]> = [true, false, 50, 100, 'all', 'disabled'];
    let compared = 0;
    for (let round = 0; round < 200; round++) {
      const runs = Array.from({ length: rnd(12) }, () => {
        const flags: FlagSet = {};
        for (const n of names) if (rnd(3) > 0) flags[n] = values[rnd(values.length)];
        return sampleRecord({ flags, target: ['local', 'ssh:board1', 'ssh:board2'][rnd(rnd(3) + 1)] });
      });
      const linear = distinguishRuns(runs);
      const reference = distinguishRunsQuadratic(runs);
      // Entry order and array order matter (labels read them left to right): compare as JSON.
      assert.equal(JSON.stringify([...linear]), JSON.stringify([...reference]));
      compared += runs.length;
    }
    assert.ok(compared > 500, `compared ${compared} runs`);
  });
});

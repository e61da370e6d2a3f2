import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  buildOperatorProfile,
  diffProfiles,
  readProfileFile,
  type OperatorProfile,
  type OperatorSample,
  type ProfileDiff,
} from '../../../src/core/profile';

const FIX = join(__dirname, '..', '..', 'fixtures', 'profile');
const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

function op(name: string, type: string, ms: number, sd: number | null = null): OperatorSample {
  return {
    id: name,
    name,
    type,
    position: 0,
    inputShapes: [],
    outputShapes: [],
    dtype: null,
    layout: null,
    placement: null,
    executions: 1,
    time: { meanMs: ms, sdMs: sd, minMs: ms, maxMs: ms },
    host: null,
    device: null,
    memoryBytes: null,
  };
}

function profile(ops: OperatorSample[]): OperatorProfile {
  return buildOperatorProfile({
    engine: 'load_and_run',
    clock: 'device',
    runs: 1,
    samples: ops.map((o, i) => ({ ...o, position: i })),
    notes: [],
  });
}

function assertAddsUp(d: ProfileDiff): void {
  close(d.deltaMs, d.afterMs - d.beforeMs);
  close(
    d.operators.reduce((a, o) => a + o.deltaMs, 0),
    d.deltaMs,
  );
  close(
    d.byType.reduce((a, t) => a + t.deltaMs, 0),
    d.deltaMs,
  );
  close(
    d.summary.reduce((a, s) => a + s.deltaMs, 0),
    d.deltaMs,
  );
  if (d.deltaMs !== 0) {
    close(
      d.summary.reduce((a, s) => a + s.shareOfDifference!, 0),
      1,
    );
  }
}

describe('diffProfiles', () => {
  for (const file of ['lar_mnist_profile.json', 'lar_convnet_profile.json', 'ort_small_cnn_profile.json']) {
    it(`a diff of ${file} against itself is all zeros, every operator matched by name`, async () => {
      const p = await readProfileFile(join(FIX, file), { warmupRuns: 1 });
      const d = diffProfiles(p, p);
      assert.equal(d.deltaMs, 0);
      assert.equal(d.ratio, 1);
      assert.equal(d.operators.length, p.operators.length);
      assert.ok(d.operators.every((o) => o.match === 'name' && o.deltaMs === 0));
      assert.ok(d.operators.every((o) => o.ratio === null || o.ratio === 1));
      assert.ok(d.byType.every((t) => t.deltaMs === 0 && t.shareOfDifference === null));
      assert.deepEqual(d.inserted, []);
      assert.deepEqual(d.removed, []);
      assert.ok(d.summary.every((s) => s.deltaMs === 0));
      assertAddsUp(d);
    });
  }

  it('matches renamed operators by type and position, lists inserted and removed ones, and adds up', () => {
    const before = profile([
      op('conv1', 'Conv', 2),
      op('relu1', 'Relu', 1),
      op('conv2', 'Conv', 3),
      op('pool', 'Pool', 0.25),
    ]);
    const after = profile([
      op('relayout', 'Relayout', 0.5),
      op('conv1', 'Conv', 1),
      op('conv2_nchw88', 'Conv', 2),
      op('pool', 'Pool', 0.25),
    ]);
    const d = diffProfiles(before, after, { summaryLines: 10 });
    close(d.deltaMs, 3.75 - 6.25);
    close(d.ratio!, 3.75 / 6.25);
    const byName = new Map(d.operators.map((o) => [o.name, o]));
    assert.equal(byName.get('conv1')!.match, 'name');
    assert.equal(byName.get('conv2_nchw88')!.match, 'type-position');
    assert.equal(byName.get('conv2_nchw88')!.beforeName, 'conv2');
    close(byName.get('conv2_nchw88')!.deltaMs, -1);
    close(byName.get('conv2_nchw88')!.ratio!, 2 / 3);
    assert.deepEqual(
      d.inserted.map((o) => o.name),
      ['relayout'],
    );
    assert.deepEqual(
      d.removed.map((o) => o.name),
      ['relu1'],
    );
    assert.equal(d.removed[0]!.ratio, null);
    // Sorted by absolute delta: the two convs (-1 each), the removed relu (-1), the relayout (+0.5), pool (0).
    assert.deepEqual(
      d.operators.map((o) => o.name),
      ['conv1', 'conv2_nchw88', 'relu1', 'relayout', 'pool'],
    );
    const summary = Object.fromEntries(
      d.summary.map((s) => [s.kind === 'type' ? s.type! : s.kind, s.deltaMs]),
    );
    assert.deepEqual(summary, { Conv: -2, removed: -1, inserted: 0.5, Pool: 0 });
    close(d.summary[0]!.shareOfDifference!, 0.8);
    assertAddsUp(d);
  });

  it('folds the smallest summary lines into one "other" line that keeps the sum', () => {
    const before = profile(['A', 'B', 'C', 'D'].map((t, i) => op(t.toLowerCase(), t, i + 1)));
    const after = profile(['A', 'B', 'C', 'D'].map((t, i) => op(t.toLowerCase(), t, 2 * (i + 1))));
    const d = diffProfiles(before, after, { summaryLines: 2 });
    assert.deepEqual(
      d.summary.map((s) => [s.kind, s.type, s.operators, s.deltaMs]),
      [
        ['type', 'D', 1, 4],
        ['type', 'C', 1, 3],
        ['other', null, 2, 3],
      ],
    );
    assertAddsUp(d);
  });

  it('flags a delta within both sides\u2019 jitter, and only when both report a spread', () => {
    const before = profile([op('a', 'Conv', 1.0, 0.2), op('b', 'Conv', 1.0, 0.01), op('c', 'Conv', 1.0)]);
    const after = profile([op('a', 'Conv', 1.1, 0.2), op('b', 'Conv', 1.5, 0.01), op('c', 'Conv', 2)]);
    const d = diffProfiles(before, after);
    const w = Object.fromEntries(d.operators.map((o) => [o.name, o.withinJitter]));
    assert.deepEqual(w, { a: true, b: false, c: null });
  });

  it('on real ORT traces (graph optimisation disabled → all): fused convs matched by position, BN/Relu removed', async () => {
    const noopt = await readProfileFile(join(FIX, 'ort_small_cnn_noopt_profile.json'), { warmupRuns: 1 });
    const opt = await readProfileFile(join(FIX, 'ort_small_cnn_profile.json'), { warmupRuns: 1 });
    const d = diffProfiles(noopt, opt);
    const convs = d.operators.filter((o) => o.type === 'Conv');
    assert.equal(convs.length, 6);
    assert.ok(convs.every((o) => o.match === 'type-position'));
    // Each fused conv pairs with the conv at the same place: conv1.out ↔ conv1.relu_nchwc, ...
    for (const c of convs) assert.equal(c.beforeName!.split('.')[0], c.name.split('.')[0]);
    assert.deepEqual([...new Set(d.removed.map((o) => o.type))].sort(), [
      'Add',
      'BatchNormalization',
      'Mul',
      'Relu',
    ]);
    assert.deepEqual(
      d.inserted.map((o) => o.type),
      ['ReorderOutput'],
    );
    assertAddsUp(d);
  });
});

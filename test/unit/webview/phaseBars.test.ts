import assert from 'node:assert/strict';
import { phaseBarDatasets } from '../../../webview/benchmark/phaseBars';

describe('Benchmark panel phase chart: datasets', () => {
  // A real ONNX run's shape: the minimum (3.8 ms) far under the mean (13 ms), the maximum above it.
  const rows = [
    { label: 'load', value: 25 },
    { label: 'warm-up 1', value: 40 },
    { label: 'inference (mean)', value: 13.2, range: [3.8, 22.1] as [number, number] },
  ];
  const colours = { phase: 'orange', mean: 'blue', range: 'purple' };
  const labels = { phases: 'ms', mean: 'inference (mean)', range: 'min–max' };

  it('draws the min–max bar in front of the mean bar, so the range reads from its minimum', () => {
    const [phases, mean, range] = phaseBarDatasets(rows, colours, labels);
    // chart.js draws the dataset with the lowest `order` last, i.e. on top.
    assert.ok(range!.order < mean!.order && mean!.order < phases!.order);
    assert.deepEqual(range!.data, [null, null, [3.8, 22.1]]);
    assert.ok(range!.barPercentage < mean!.barPercentage, 'a thin bar over the mean bar');
  });

  it('gives each series one colour, so the legend matches its bars', () => {
    const sets = phaseBarDatasets(rows, colours, labels);
    assert.deepEqual(
      sets.map((d) => [d.label, d.backgroundColor]),
      [
        ['ms', 'orange'],
        ['inference (mean)', 'blue'],
        ['min–max', 'purple'],
      ],
    );
    for (const d of sets) assert.equal(typeof d.backgroundColor, 'string');
    assert.deepEqual(sets[1]!.data, [null, null, 13.2]);
    assert.deepEqual(sets[0]!.data, [25, 40, null]);
  });

  it('has no inference series when the run measured no inference', () => {
    const sets = phaseBarDatasets(rows.slice(0, 2), colours, labels);
    assert.equal(sets.length, 1);
  });
});

import assert from 'node:assert/strict';
import { comparisonMarkdown, pngFromDataUrl } from '../../../src/extension/compare/compareExport';
import type { CompareViewModel } from '../../../src/shared/compareProtocol';
import { sampleRecord, sampleResult } from '../records/sampleRecord';

const S = {
  title: 'Comparison',
  baseline: 'Baseline',
  run: 'Run',
  value: 'Value',
  delta: 'Δ',
  ratio: 'Ratio',
  interval: '95% CI',
  verdict: 'Verdict',
  flagsTitle: 'Flags',
  flag: 'Flag',
  notesTitle: 'Notes',
  runs: 'Runs',
};

describe('compareExport (plain Node)', () => {
  it('accepts a real PNG and refuses anything else', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const bytes = pngFromDataUrl(`data:image/png;base64,${png.toString('base64')}`);
    assert.deepEqual([...bytes], [...png]);
    assert.throws(
      () => pngFromDataUrl(`data:image/png;base64,${Buffer.from('GIF89a...').toString('base64')}`),
      /not a PNG/,
    );
    assert.throws(() => pngFromDataUrl('data:image/png;base64,'), /not a PNG/);
  });

  it('writes the comparison as Markdown with user text escaped so rows stay rows', () => {
    const a = sampleRecord({ id: 'a', label: 'base | line', result: sampleResult([1, 1.1]) });
    const b = sampleRecord({ id: 'b', label: 'fast\nrun', result: sampleResult([0.8, 0.9]) });
    const model: CompareViewModel = {
      baselineId: 'a',
      decide: null,
      runs: [
        {
          id: 'a',
          title: 'base | line',
          subtitle: 'local',
          status: 'ok',
          statusText: 'ok',
          isBaseline: true,
        },
        { id: 'b', title: 'fast\nrun', subtitle: 'local', status: 'ok', statusText: 'ok', isBaseline: false },
      ],
      phases: [
        {
          phase: 'inference',
          title: 'Inference',
          test: 'Welch',
          cells: [
            {
              runId: 'a',
              value: '1.05 ms',
              delta: '',
              ratio: '',
              interval: '',
              verdict: 'baseline',
              verdictText: 'baseline',
              detail: '',
              highCv: false,
            },
            {
              runId: 'b',
              value: '0.85 ms',
              delta: '−0.2 ms',
              ratio: '×0.81',
              interval: '×0.7–×0.9',
              verdict: 'faster',
              verdictText: 'faster',
              detail: 'p = 0.01',
              highCv: false,
            },
          ],
        },
      ],
      chart: { phases: [], series: [], unit: 'ms' },
      flagDifferences: [{ flag: 'fast-run', values: ['–', 'on'] }],
      commonFlags: '',
      notes: ['one | note'],
    };
    const md = comparisonMarkdown(model, [a, b], S);
    assert.match(md, /^# Comparison\n/);
    assert.match(md, /Baseline: \*\*base \\\| line\*\*/);
    assert.match(
      md,
      /\| fast run \| 0\.85 ms \| −0\.2 ms \| ×0\.81 \| ×0\.7–×0\.9 \| faster \(p = 0\.01\) \|/,
    );
    assert.match(md, /\| `fast-run` \| – \| on \|/);
    assert.match(md, /- one \\\| note/);
    assert.match(md, /## Runs\n/);
    for (const line of md.split('\n').filter((l) => l.startsWith('|')))
      assert.ok(line.endsWith('|'), `a whole table row: ${line}`);
  });
});

import assert from 'node:assert/strict';
import { renderRunReport } from '../../../src/cli/runReport';
import { sampleRecord } from '../records/sampleRecord';

describe('run report: device warnings', () => {
  const record = sampleRecord({
    host: {
      tool: 'lar-explorer test',
      device: {
        before: { cores: 4, loadAvg: [3.1, 2, 1], governor: 'performance' },
        after: { cores: 4, governor: 'performance' },
        warnings: [
          'The device was busy before the run (load average 3.1 on 4 cores): other work competes for the CPU.',
        ],
      },
    },
  });

  it('says what spoilt the numbers in English, as the record keeps it', () => {
    assert.match(
      renderRunReport(record, 'en'),
      /device: The device was busy before the run \(load average 3\.1 on 4 cores\)/,
    );
  });

  it('says it in Chinese under a Chinese locale, derived from the same facts', () => {
    const text = renderRunReport(record, 'zh');
    assert.match(text, /设备：运行前设备已较忙（4 个核心上平均负载 3\.1）/);
    assert.doesNotMatch(text, /The device was busy/);
  });

  it('says nothing when the facts before and after were calm', () => {
    const calm = sampleRecord({
      host: {
        tool: 'lar-explorer test',
        device: { before: { cores: 4, loadAvg: [0.1, 0, 0] }, after: { cores: 4 } },
      },
    });
    assert.doesNotMatch(renderRunReport(calm, 'en'), /device:/);
  });
});

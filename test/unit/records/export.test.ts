import assert from 'node:assert/strict';
import {
  exportRecords,
  recordsToCsv,
  recordsToJson,
  recordsToMarkdown,
  summarizeRun,
} from '../../../src/core/records/export';
import { sampleRecord, sampleResult } from './sampleRecord';

describe('records export', () => {
  const ok = sampleRecord({
    id: '11111111-aaaa-4000-8000-000000000001',
    label: 'base, "quoted"',
    flags: { cpu: true, iter: 5, 'fast-run': false },
    result: sampleResult([5, 5.2, 4.9, 5.1, 5]),
  });
  const failed = sampleRecord({
    id: '22222222-bbbb-4000-8000-000000000002',
    model: { path: 'models/a|b `x`.mge', sha256: null },
    status: 'failed',
    reason: 'load_and_run crashed',
    result: null,
  });

  it('summarises a run into one row with the phase numbers and CV', () => {
    const row = summarizeRun(ok);
    assert.equal(row.flags, '--cpu --iter=5');
    assert.equal(row.loadMs, 12.5);
    assert.equal(row.configMs, 3.25);
    assert.equal(row.firstWarmupMs, 40);
    assert.equal(row.meanMs, 5.04);
    assert.equal(row.medianMs, 5);
    assert.equal(row.minMs, 4.9);
    assert.equal(row.maxMs, 5.2);
    assert.equal(row.count, 5);
    assert.ok(Math.abs(row.sdMs! - 0.11401754) < 1e-6);
    assert.ok(Math.abs(row.cv! - 0.11401754 / 5.04) < 1e-6);
    const empty = summarizeRun(failed);
    assert.equal(empty.meanMs, null);
    assert.equal(empty.cv, null);
    assert.equal(empty.status, 'failed');
  });

  it('rounds CSV times to 0.1 µs: no float noise such as 3.7604639000000013', () => {
    const noisy = sampleRecord({ result: sampleResult([3.7604639000000013, 3.7604639000000013]) });
    const row = recordsToCsv([noisy]).trimEnd().split('\n')[1]!;
    assert.ok(row.includes(',3.7605,'), row);
    assert.doesNotMatch(row, /\d\.\d{7,}/);
  });

  it('writes RFC 4180 CSV with a header and quoted cells', () => {
    const csv = recordsToCsv([ok, failed]);
    const lines = csv.trimEnd().split('\n');
    assert.equal(
      lines[0],
      'id,label,time,model,target,engine,flags,command,status,loadMs,configMs,firstWarmupMs,meanMs,sdMs,medianMs,minMs,maxMs,count,cv',
    );
    assert.equal(lines.length, 3);
    assert.ok(
      lines[1]!.startsWith(
        '11111111-aaaa-4000-8000-000000000001,"base, ""quoted""",2025-03-04T05:06:07.089Z,models/mnist.mge,local,load_and_run,\'--cpu --iter=5,',
      ),
    );
    assert.match(lines[1]!, /,ok,12\.5,3\.25,40,5\.04,0\.114,5,4\.9,5\.2,5,0\.022623$/);
    assert.match(lines[2]!, /,failed,,,,,,,,,,$/);
  });

  it('writes a Markdown table that survives pipes and backticks', () => {
    const md = recordsToMarkdown([ok, failed]);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(
      lines[0]!,
      /^\| id \| label \| time \| model \| target \| engine \| flags \| status \| load \(ms\) \|/,
    );
    assert.match(lines[1]!, /^\| --- \| --- .* \| ---: \|$/);
    assert.match(
      lines[2]!,
      /^\| 11111111 \| base, "quoted" \| .* \| `--cpu --iter=5` \| ok \| 12\.500 \| 3\.250 \| 40\.000 \| 5\.040 \| 0\.114 \| 5\.000 \| 4\.900 \| 5\.200 \| 5 \| 2\.3% \|$/,
    );
    assert.ok(lines[3]!.includes('``models/a\\|b `x`.mge``'), lines[3]);
    // Every row has the same number of unescaped cell separators.
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    assert.equal(cells(lines[3]!), cells(lines[0]!));
  });

  it('writes JSON rows in column order and picks formats by name', () => {
    const rows = JSON.parse(recordsToJson([ok]));
    assert.equal(rows.length, 1);
    assert.deepEqual(Object.keys(rows[0]).slice(0, 3), ['id', 'label', 'time']);
    assert.equal(rows[0].meanMs, 5.04);
    assert.equal(exportRecords([ok], 'json'), recordsToJson([ok]));
    assert.equal(exportRecords([ok], 'csv'), recordsToCsv([ok]));
    assert.equal(exportRecords([], 'md').trimEnd().split('\n').length, 2);
  });
});

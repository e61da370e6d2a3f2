// Schema 2's iteration columns: lossless for anything the parsers make (random runs, every real
// log, the ONNX runner's output), compact in the common case, printed one column per line with
// the rest of the record laid out exactly as before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IterationTime, ParsedResult } from '../../../src/core/engine';
import { OrtOutputParser } from '../../../src/core/engines/onnx/outputParser';
import { recordToJson } from '../../../src/core/records/canonicalJson';
import { fromColumns, toColumns } from '../../../src/core/records/iterationColumns';
import { encodeRecord } from '../../../src/core/records/recordEncoding';
import { checkRecord } from '../../../src/core/records/recordSchema';
import type { RunRecord } from '../../../src/core/records/runRecord';
import { mulberry32 } from '../../../src/core/seededRandom';
import { HAND, parseFile, parseReal, realStems } from '../parser/logFixtures';
import { sampleRecord, sampleResult } from './sampleRecord';

/** Write as a schema-2 file would hold it, read back through the store's check. */
function roundTrip(record: RunRecord): RunRecord {
  const checked = checkRecord(JSON.parse(recordToJson(encodeRecord(record))));
  assert.ok(checked.ok, checked.ok ? '' : checked.reason);
  return checked.record;
}

function withResult(result: ParsedResult | null): RunRecord {
  return sampleRecord({ result });
}

function columnsOf(record: RunRecord): Record<string, unknown> {
  const raw = JSON.parse(recordToJson(encodeRecord(record))) as {
    result: { iterations: Record<string, unknown> };
  };
  return raw.result.iterations;
}

describe('record schema 2: iteration columns', () => {
  it('round-trips random runs losslessly: test cases, indices, absent host/device times, NaN end-to-end times', () => {
    const rnd = mulberry32(15);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(rnd() * 60);
      const threads = rnd() < 0.3;
      const hostKind = Math.floor(rnd() * 3); // none, all, some
      const device = rnd() < 0.3;
      let testcase = Math.floor(rnd() * 3);
      let position = 0;
      const its: IterationTime[] = [];
      for (let i = 0; i < n; i++) {
        if (rnd() < 0.05) {
          testcase += 1;
          position = 0;
        }
        const e2e = rnd() < 0.05 ? Number.NaN : Math.round(rnd() * 1e6) / 1e3;
        its.push({
          testcase,
          index: threads ? Math.floor(position / 2) : position,
          e2eMs: rnd() < 0.1 ? rnd() * 1e4 : e2e, // full-precision doubles too
          hostMs: hostKind === 1 || (hostKind === 2 && rnd() < 0.5) ? Math.round(rnd() * 1e3) / 1e3 : null,
          deviceMs: device && rnd() < 0.8 ? rnd() * 10 : null,
        });
        position++;
      }
      const rec = withResult({ ...sampleResult([1, 2]), iterations: its });
      assert.deepEqual(roundTrip(rec), rec, `trial ${trial}`);
    }
  });

  it('round-trips every real log parsed and the hand fixtures (threads, legacy device times, two test cases)', () => {
    const stems = realStems();
    assert.ok(stems.length > 20);
    const results = stems.map((s) => parseReal(s));
    for (const f of ['threads.err', 'legacy_basic.out', 'legacy_two_testcases.all', 'legacy_no_input.out']) {
      results.push(parseFile(join(HAND, f)));
    }
    let withIterations = 0;
    for (const result of results) {
      if (result.iterations.length > 0) withIterations++;
      const rec = withResult(result);
      assert.deepEqual(roundTrip(rec), rec);
    }
    assert.ok(withIterations > 20, `${withIterations} logs with iterations`);
    assert.deepEqual(roundTrip(withResult(null)).result, null);
  });

  it('keeps only the columns that carry information', () => {
    // The real default run: host times, no device time, indices 0..9 in test case 0.
    assert.deepEqual(Object.keys(columnsOf(withResult(parseReal('04_defaults')))), [
      'count',
      'e2eMs',
      'hostMs',
    ]);
    // --thread 2: both threads print the same indices, so the index column is kept.
    const threads = columnsOf(withResult(parseFile(join(HAND, 'threads.err'))));
    assert.deepEqual(Object.keys(threads), ['count', 'e2eMs', 'hostMs', 'index']);
    // The legacy tool: device times and two test cases, as runs of [test case, count].
    const legacy = columnsOf(withResult(parseFile(join(HAND, 'legacy_two_testcases.all'))));
    assert.deepEqual(Object.keys(legacy), ['count', 'deviceMs', 'e2eMs', 'hostMs', 'testcase']);
    assert.deepEqual(legacy.testcase, [
      [0, 2],
      [1, 2],
    ]);
    // ONNX Runtime: end-to-end times only.
    const p = new OrtOutputParser();
    p.push(readFileSync(join(__dirname, '..', '..', 'fixtures', 'onnx', 'run_all.stdout'), 'utf8'), 'stdout');
    p.end();
    const ort = withResult(p.result());
    assert.deepEqual(Object.keys(columnsOf(ort)), ['count', 'e2eMs']);
    assert.deepEqual(roundTrip(ort), ort);
  });

  it('prints each column on one line and everything else exactly as before (statistics diff line by line)', () => {
    const result = parseReal('convnet/01_defaults_r1');
    const rec = withResult({
      ...result,
      iterations: Array.from({ length: 1000 }, (_, i) => ({ ...result.iterations[i % 10]!, index: i })),
    });
    const text = recordToJson(encodeRecord(rec));
    const lines = text.split('\n');
    assert.ok(lines.length < 150, `${lines.length} lines`);
    assert.ok(lines.some((l) => /^ {6}"e2eMs": \[10\.885,10\.557,/.test(l)));
    assert.ok(lines.some((l) => /^ {6}"hostMs": \[0\.199,0\.071,/.test(l)));
    // Outside the columns, the layout is JSON.stringify's (2 spaces, one value per line).
    const parsed = JSON.parse(text) as { result: { iterations: unknown } };
    parsed.result.iterations = 'COLUMNS';
    const collapsed = text.replace(/"iterations": \{\n[^]*?\n {4}\}/, '"iterations": "COLUMNS"');
    assert.equal(collapsed, JSON.stringify(parsed, null, 2) + '\n');
    assert.match(text, /\n {6}"warmupMs": \[\n {8}\d/);
  });

  it('is several times smaller than schema 1 for the same run', () => {
    const result = parseReal('convnet/01_defaults_r1');
    const its = Array.from({ length: 10_000 }, (_, i) => ({ ...result.iterations[i % 10]!, index: i }));
    const v2 = recordToJson(encodeRecord(withResult({ ...result, iterations: its })));
    const v1 = recordToJson({ ...withResult({ ...result, iterations: its }), schema: 1 });
    assert.ok(v1.length > 8 * v2.length, `schema 1 ${v1.length} B, schema 2 ${v2.length} B`);
  });

  it('names what is wrong with damaged columns', () => {
    const good = toColumns([
      { testcase: 0, index: 0, e2eMs: 1, hostMs: 0.1, deviceMs: null },
      { testcase: 0, index: 1, e2eMs: 2, hostMs: null, deviceMs: null },
    ]);
    assert.ok(fromColumns(good).ok);
    const reason = (v: unknown): string => {
      const r = fromColumns(v);
      assert.ok(!r.ok);
      return r.reason;
    };
    assert.match(reason({ ...good, e2eMs: [1] }), /"e2eMs" has 1 values for 2 iterations/);
    assert.match(reason({ ...good, hostMs: [0.1, 'x'] }), /"hostMs"\[1\] is not a number \("x"\)/);
    assert.match(reason({ ...good, index: [0, null] }), /"index"\[1\] is not a number/);
    assert.match(reason({ ...good, testcase: [[0, 1]] }), /runs cover 1 iterations, not 2/);
    assert.match(reason({ ...good, testcase: [[0, 0, 2]] }), /\[testcase, count\] pairs/);
    assert.match(reason({ ...good, count: -1 }), /"count" must be a whole number/);
    assert.match(reason([1, 2]), /expected columns/);
  });

  it('a schema-2 file with damaged columns is not a record (and says where)', () => {
    const raw = JSON.parse(recordToJson(encodeRecord(sampleRecord()))) as {
      result: { iterations: { e2eMs: unknown[] } };
    };
    raw.result.iterations.e2eMs.pop();
    const checked = checkRecord(raw);
    assert.ok(!checked.ok);
    assert.match(
      checked.reason,
      /invalid run record: result\.iterations: "e2eMs" has 4 values for 5 iterations/,
    );
  });
});

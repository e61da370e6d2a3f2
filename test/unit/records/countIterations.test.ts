// Reading a record for its head only (`iterations: 'count'`): every iteration is still checked,
// none is kept, and the outcome — the head, or the reason a file is refused — is the one a full
// read gives. A listing of 10,000 records reads them this way (issue #15).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordToJson } from '../../../src/core/records/canonicalJson';
import { encodeRecord } from '../../../src/core/records/recordEncoding';
import { readRecordAt } from '../../../src/core/records/recordFile';
import { recordFileName } from '../../../src/core/records/recordNames';
import { checkRecord } from '../../../src/core/records/recordSchema';
import { RecordStore } from '../../../src/core/records/recordStore';
import { headCounting, headOf } from '../../../src/core/records/runHead';
import type { RunRecord } from '../../../src/core/records/runRecord';
import { sampleRecord, sampleResult } from './sampleRecord';

const e2e = [1.5, 1.25, Number.NaN, 1.75, 2];
const schema1 = (over: Partial<RunRecord> = {}): unknown =>
  JSON.parse(recordToJson(sampleRecord({ schema: 1, result: sampleResult(e2e), ...over })));
const schema2 = (over: Partial<RunRecord> = {}): unknown =>
  JSON.parse(recordToJson(encodeRecord(sampleRecord({ result: sampleResult(e2e), ...over }))));

/** Check a value both ways: the head from counting equals the head of the full read. */
function bothWays(value: unknown): {
  full: ReturnType<typeof checkRecord>;
  counted: ReturnType<typeof checkRecord>;
} {
  return {
    full: checkRecord(structuredClone(value)),
    counted: checkRecord(structuredClone(value), { iterations: 'count' }),
  };
}

describe("record heads read with iterations: 'count'", () => {
  for (const [name, make] of [
    ['schema 1', schema1],
    ['schema 2', schema2],
  ] as const) {
    it(`${name}: the same head as a full read, with no iteration kept`, () => {
      const { full, counted } = bothWays(make());
      assert.ok(full.ok && counted.ok);
      assert.equal(full.record.result!.iterations.length, 5);
      assert.deepEqual(counted.record.result!.iterations, []);
      assert.equal(counted.iterationCount, 5);
      assert.deepEqual(headCounting(counted.record, counted.iterationCount!), headOf(full.record));
    });

    it(`${name}: a run without a result counts nothing and still lists`, () => {
      const { full, counted } = bothWays(make({ result: null }));
      assert.ok(full.ok && counted.ok);
      assert.deepEqual(headCounting(counted.record, counted.iterationCount ?? 0), headOf(full.record));
    });
  }

  it('schema 1: a bad iteration is refused with the reason a full read gives', () => {
    const value = schema1() as { result: { iterations: Array<Record<string, unknown>> } };
    value.result.iterations[3].e2eMs = 'fast';
    const { full, counted } = bothWays(value);
    assert.ok(!full.ok && !counted.ok);
    assert.match(counted.reason, /result\.iterations\.3\.e2eMs/);
    assert.equal(counted.reason, full.reason);
  });

  it('schema 1: a bad field outside the iterations is refused the same way too', () => {
    const value = schema1() as Record<string, unknown>;
    value.startedAt = 42;
    const { full, counted } = bothWays(value);
    assert.ok(!full.ok && !counted.ok);
    assert.equal(counted.reason, full.reason);
  });

  it('schema 2: damaged columns are refused with the reason a full read gives', () => {
    const value = schema2() as { result: { iterations: { e2eMs: unknown[] } } };
    value.result.iterations.e2eMs[1] = 'x';
    const { full, counted } = bothWays(value);
    assert.ok(!full.ok && !counted.ok);
    assert.match(counted.reason, /"e2eMs"\[1\] is not a number/);
    assert.equal(counted.reason, full.reason);
  });

  describe('from a file, with the iterations in a table beside the record', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lar-count-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('counts a sound table without keeping its iterations', async () => {
      const long = Array.from({ length: 10_001 }, (_, i) => 1 + (i % 5) / 10);
      const record = sampleRecord({ result: sampleResult(long) });
      await new RecordStore(dir).save(record);
      const file = recordFileName(record);
      const counted = await readRecordAt(dir, file, { iterations: 'count' });
      const full = await readRecordAt(dir, file);
      assert.ok('record' in counted && 'record' in full);
      assert.ok(full.record.iterationsFile, 'the iterations went to a table');
      assert.equal(counted.problem, undefined);
      assert.deepEqual(counted.record.result!.iterations, []);
      assert.deepEqual(headCounting(counted.record, counted.iterationCount!), headOf(full.record));
      assert.equal(headOf(full.record).result!.iterationCount, 10_001);
    });

    it('a damaged table is a partial problem either way, with the same reason', async () => {
      const record = sampleRecord({ result: sampleResult(e2e) });
      const encoded = encodeRecord(record) as unknown as { result: { iterations: Record<string, unknown> } };
      encoded.result.iterations = { count: 5, file: 'r.iterations.csv' };
      await writeFile(join(dir, 'r.json'), recordToJson(encoded as unknown as RunRecord));
      await writeFile(join(dir, 'r.iterations.csv'), 'testcase,index,e2eMs,hostMs,deviceMs\n');
      const damaged = await readRecordAt(dir, 'r.json', { iterations: 'count' });
      const damagedFull = await readRecordAt(dir, 'r.json');
      assert.ok('record' in damaged && 'record' in damagedFull);
      assert.equal(damaged.iterationCount, 5);
      assert.equal(damaged.problem?.partial, true);
      assert.equal(damaged.problem?.reason, damagedFull.problem?.reason);
      assert.match(damaged.record.iterationsProblem ?? '', /iterations file r\.iterations\.csv is damaged/);
    });
  });
});

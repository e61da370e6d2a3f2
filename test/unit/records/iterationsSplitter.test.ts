// A big schema-1 record's head, read a piece at a time: the same head and count as reading the
// file whole, whatever the piece boundaries cut through (multi-byte characters, escapes, keys),
// and a clean "read it whole" answer for anything it does not recognise.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordToJson } from '../../../src/core/records/canonicalJson';
import { IterationsSplitter, splitIterationsOf } from '../../../src/core/records/iterationsSplitter';
import { readRecordAt } from '../../../src/core/records/recordFile';
import { checkIteration } from '../../../src/core/records/recordSchema';
import { headCounting, headOf } from '../../../src/core/records/runHead';
import type { RunRecord } from '../../../src/core/records/runRecord';
import { sampleRecord, sampleResult } from './sampleRecord';

/** Feed `text` to a splitter in pieces of `size` bytes. */
function split(text: string, size: number): ReturnType<IterationsSplitter['end']> {
  const bytes = Buffer.from(text, 'utf8');
  const s = new IterationsSplitter(checkIteration);
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  return s.end();
}

/** A schema-1 record whose strings hold everything a naive scanner trips on. */
function awkward(n: number): RunRecord {
  return sampleRecord({
    schema: 1,
    label: 'quoted "result": {"iterations": [1, 2]} and a \\ backslash, 中文标签 ✓',
    command: 'load_and_run "m o d e l.mge" --iter 3 # ] } , [ {',
    flags: { iter: 3, input: 'data:"x]"', iterations: 'not these' },
    result: sampleResult(Array.from({ length: n }, (_, i) => 1 + (i % 9) / 8)),
  });
}

describe('IterationsSplitter (big schema-1 records read a piece at a time)', () => {
  it('gives the record without its iterations, and their count, at every piece size', () => {
    const record = awkward(25);
    const text = recordToJson(record);
    const whole = JSON.parse(text) as RunRecord;
    for (const size of [1, 2, 3, 7, 64, 1000, text.length]) {
      const got = split(text, size);
      assert.ok(got.found, `piece size ${size}`);
      assert.equal(got.count, 25);
      const head = JSON.parse(got.text) as RunRecord;
      assert.deepEqual(head.result!.iterations, []);
      assert.deepEqual({ ...head, result: { ...head.result, iterations: whole.result!.iterations } }, whole);
    }
  });

  it('does not take a key written with escapes, a nested "iterations" or a schema-2 column for the array', () => {
    const base = JSON.parse(recordToJson(awkward(3))) as Record<string, Record<string, unknown>>;
    const escaped = recordToJson(base as unknown as RunRecord).replace('"result":', '"\\u0072esult":');
    assert.equal(split(escaped, 5).found, false);
    const nested = {
      ...base,
      result: { ...base.result, iterations: undefined, inner: { iterations: [{}] } },
    };
    assert.equal(split(JSON.stringify(nested), 5).found, false);
    const columns = { ...base, schema: 2, result: { ...base.result, iterations: { count: 1, e2eMs: [1] } } };
    assert.equal(split(JSON.stringify(columns), 5).found, false);
  });

  it('answers "read it whole" for a bad iteration or a truncated file', () => {
    const text = recordToJson(awkward(4));
    assert.equal(split(text.replace('"e2eMs": 1.125', '"e2eMs": "fast"'), 9).found, false);
    assert.equal(split(text.slice(0, text.indexOf('"testcases"')), 9).found, false);
  });

  it('parses the items in batches: a 30,000-iteration file counts every item', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lar-split-'));
    try {
      const record = awkward(30_000);
      await writeFile(join(dir, 'r.json'), recordToJson(record));
      const got = await splitIterationsOf(join(dir, 'r.json'), checkIteration, 4096);
      assert.ok(got.found);
      assert.equal(got.count, 30_000);
      // Through the record reader, as the index reads a big file: the head a full read gives.
      const streamed = await readRecordAt(dir, 'r.json', { iterations: 'count', stream: true });
      const full = await readRecordAt(dir, 'r.json');
      assert.ok('record' in streamed && 'record' in full);
      assert.deepEqual(headCounting(streamed.record, streamed.iterationCount!), headOf(full.record));
      // A bad item far into the file: the reader falls back and says what a full read says.
      const bad = recordToJson(record).replace(/"index": 29998,/, '"index": "x",');
      await writeFile(join(dir, 'bad.json'), bad);
      const refused = await readRecordAt(dir, 'bad.json', { iterations: 'count', stream: true });
      const refusedFull = await readRecordAt(dir, 'bad.json');
      assert.ok('reason' in refused && 'reason' in refusedFull);
      assert.equal(refused.reason, refusedFull.reason);
      assert.match(refused.reason, /result\.iterations\.29998\.index/);
      // Broken JSON outside the iterations (balanced, so the splitter cannot tell): the same
      // message as a full read, positions included.
      await writeFile(
        join(dir, 'broken.json'),
        recordToJson(record).replace('"exitCode": 0', '"exitCode": nul'),
      );
      const broken = await readRecordAt(dir, 'broken.json', { iterations: 'count', stream: true });
      const brokenFull = await readRecordAt(dir, 'broken.json');
      assert.ok('reason' in broken && 'reason' in brokenFull);
      assert.match(broken.reason, /not valid JSON/);
      assert.equal(broken.reason, brokenFull.reason);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

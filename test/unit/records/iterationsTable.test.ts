// The iterations table beside a long run's record, and schema-1 files read as they are: what the
// store writes, in which order, what it reads back, and what a missing or damaged table does.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordToJson } from '../../../src/core/records/canonicalJson';
import { compareRecords } from '../../../src/core/records/compare';
import {
  ITERATIONS_TABLE_HEADER,
  iterationsTableName,
  iterationsToCsv,
  parseIterationsCsv,
} from '../../../src/core/records/iterationsTable';
import { recordFileName } from '../../../src/core/records/recordNames';
import { INLINE_ITERATIONS_LIMIT, RecordStore } from '../../../src/core/records/recordStore';
import type { RunRecord } from '../../../src/core/records/runRecord';
import { HAND, parseFile } from '../parser/logFixtures';
import { join as joinPath } from 'node:path';
import { sampleRecord, sampleResult } from './sampleRecord';

/** A run of `n` iterations in two test cases with host and (some) device times and a NaN. */
function longRun(n: number): RunRecord {
  const result = sampleResult([5, 5.25]);
  result.iterations = Array.from({ length: n }, (_, i) => ({
    testcase: i < n / 2 ? 0 : 1,
    index: i < n / 2 ? i : i - Math.ceil(n / 2),
    e2eMs: i === 3 ? Number.NaN : 5 + (i % 7) / 1000 + 1e-9 * i,
    hostMs: i % 5 === 0 ? null : 0.25 + i / 1e4,
    deviceMs: i % 2 ? 4.875 : null,
  }));
  return sampleRecord({ result });
}

describe('record schema 2: the iterations table beside a long run', () => {
  let dir: string;
  let store: RecordStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lar-iter-table-'));
    store = new RecordStore(dir, { inlineIterationsLimit: 20 });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps runs up to the limit inline; past it writes <record>.iterations.csv first, never a .json', async () => {
    assert.equal(INLINE_ITERATIONS_LIMIT, 10_000);
    const short = longRun(20);
    await store.save(short);
    assert.deepEqual(await readdir(dir), [recordFileName(short)]);

    const long = longRun(21);
    const order: string[] = [];
    const watched = new RecordStore(dir, {
      inlineIterationsLimit: 20,
      hooks: { beforeCommit: (tmp) => void order.push(tmp) },
    });
    const stored = await watched.save(long);
    const name = recordFileName(long);
    const table = iterationsTableName(name);
    assert.equal(table, name.replace(/\.json$/, '.iterations.csv'));
    assert.ok(!table.endsWith('.json'));
    assert.equal(stored.iterationsFile, table);
    assert.equal(stored.result!.iterations.length, 21, 'the stored record keeps its iterations');
    // Table first, record second (as the log sidecar): a record never points at a table not yet there.
    assert.equal(order.length, 2);
    assert.ok(order[0]!.includes(table) && order[1]!.includes(name), order.join(' '));
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.endsWith('.json')).sort(),
      [name, recordFileName(short)].sort(),
    );

    const csv = await readFile(join(dir, table), 'utf8');
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], ITERATIONS_TABLE_HEADER);
    assert.equal(lines.length, 22);
    assert.equal(lines[1], '0,0,5,,');
    assert.equal(lines[4], `0,3,NaN,${0.25 + 3 / 1e4},4.875`);
    const raw = JSON.parse(await readFile(join(dir, name), 'utf8')) as { result: { iterations: unknown } };
    assert.deepEqual(raw.result.iterations, { count: 21, file: table });

    const { records, problems } = await store.list();
    assert.deepEqual(problems, []);
    const back = records.find((r) => r.id === long.id)!;
    assert.deepEqual(back, { ...long, iterationsFile: table });
    assert.deepEqual(
      records.find((r) => r.id === short.id),
      short,
    );
  });

  it('a record that cannot be written (a full disk) leaves no table behind', async () => {
    const full = new RecordStore(dir, {
      inlineIterationsLimit: 20,
      hooks: {
        beforeWrite: (tmp) => {
          if (tmp.includes('.json.'))
            throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      },
    });
    await assert.rejects(full.save(longRun(21)), /no space left on device/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('rename and pin rewrite the record and keep its table; delete removes both', async () => {
    const long = longRun(30);
    await store.save(long);
    const name = recordFileName(long);
    const csvBefore = await readFile(join(dir, iterationsTableName(name)), 'utf8');
    await store.update(long.id, { label: 'long one' });
    await store.pinBaseline(long.id);
    const back = (await store.get(long.id))!;
    assert.equal(back.label, 'long one');
    assert.equal(back.baseline, true);
    assert.equal(back.result!.iterations.length, 30);
    assert.equal(await readFile(join(dir, iterationsTableName(name)), 'utf8'), csvBefore);
    assert.equal((JSON.parse(await readFile(join(dir, name), 'utf8')) as { schema: number }).schema, 2);
    assert.equal(await store.delete(long.id), true);
    assert.deepEqual(await readdir(dir), []);
  });

  it('delete never removes another record a hand-edited log file name points at', async () => {
    const victim = sampleRecord();
    await store.save(victim);
    const run = sampleRecord();
    await store.save(run);
    const name = recordFileName(run);
    const raw = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
    raw.log = null;
    raw.logFile = recordFileName(victim);
    await writeFile(join(dir, name), JSON.stringify(raw));
    assert.equal(await store.delete(run.id), true);
    assert.deepEqual(await readdir(dir), [recordFileName(victim)]);
  });

  it('delete never removes another record a hand-edited table name points at', async () => {
    const victim = sampleRecord();
    await store.save(victim);
    const long = longRun(21);
    await store.save(long);
    const name = recordFileName(long);
    const raw = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
      result: { iterations: { file: string } };
    };
    raw.result.iterations.file = `../${recordFileName(victim)}`;
    await writeFile(join(dir, name), JSON.stringify(raw));
    assert.equal(await store.delete(long.id), true);
    assert.deepEqual((await readdir(dir)).sort(), [iterationsTableName(name), recordFileName(victim)].sort());
  });

  it('a missing table: the heads listing (list, the Models view) lists the run and reports a partial problem', async () => {
    const long = longRun(25);
    await store.save(long);
    await fs.rm(join(dir, iterationsTableName(recordFileName(long))));
    const { heads, problems } = await store.heads();
    assert.deepEqual(
      heads.map((h) => h.id),
      [long.id],
    );
    assert.equal(heads[0]!.result!.phases.inference?.meanMs, long.result!.phases.inference?.meanMs);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, recordFileName(long));
    assert.equal(problems[0]!.partial, true, 'the record is listed, not skipped');
    assert.match(problems[0]!.reason, /its 25 iterations are not available/);
  });

  it('a missing table: the record still lists with its statistics, its iterations carry the reason', async () => {
    const long = longRun(25);
    await store.save(long);
    const other = sampleRecord();
    await store.save(other);
    const table = iterationsTableName(recordFileName(long));
    await fs.rm(join(dir, table));
    const { records, problems } = await store.list();
    assert.equal(records.length, 2);
    const back = records.find((r) => r.id === long.id)!;
    assert.deepEqual(back.result!.phases, long.result!.phases);
    assert.deepEqual(back.result!.iterations, []);
    assert.match(
      back.iterationsProblem!,
      new RegExp(`iterations file ${table.replace(/\./g, '\\.')} is missing`),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, recordFileName(long));
    assert.equal(problems[0]!.partial, true, 'the record is listed, not skipped');
    assert.match(
      problems[0]!.reason,
      /is missing; the run's statistics are kept but its 25 iterations are not available/,
    );
    // Compare shows its mean, tests nothing, and says why.
    const cmp = compareRecords([other, back], other.id);
    const inference = cmp.phases.find((p) => p.phase === 'inference')!;
    assert.equal(inference.cells[1]!.pValue, null);
    assert.ok(cmp.notes.some((n) => /iterations could not be read/.test(n.en) && /无法读取/.test(n.zh)));
    // Such a record cannot be saved again as if complete; it can still be deleted.
    await assert.rejects(new RecordStore(join(dir, 'copy')).save(back), /iterations file .* is missing/);
    assert.equal(await store.delete(long.id), true);
  });

  it('a damaged table (truncated, a broken number, another header) is a problem, left as it was', async () => {
    const long = longRun(25);
    await store.save(long);
    const path = join(dir, iterationsTableName(recordFileName(long)));
    const csv = await readFile(path, 'utf8');
    const cases: Array<[string, RegExp]> = [
      [csv.split('\n').slice(0, 10).join('\n') + '\n', /it has 9 rows; the record says 25 iterations/],
      [csv.replace('\n0,1,', '\n0,1x,'), /line 3 is not five numbers/],
      [csv.replace(ITERATIONS_TABLE_HEADER, 'a,b,c'), /the first line is not/],
    ];
    for (const [bytes, reason] of cases) {
      await writeFile(path, bytes);
      const { records, problems } = await store.list();
      assert.equal(records.length, 1);
      assert.deepEqual(records[0]!.result!.iterations, []);
      assert.match(problems[0]!.reason, /iterations file .* is damaged/);
      assert.match(problems[0]!.reason, reason);
      assert.equal(await readFile(path, 'utf8'), bytes);
    }
  });

  it('reads a table a spreadsheet saved with CRLF line ends and a byte-order mark', () => {
    const its = longRun(4).result!.iterations;
    const text = '\ufeff' + iterationsToCsv(its).replace(/\n/g, '\r\n');
    const read = parseIterationsCsv(text, 4);
    assert.ok(read.ok);
    assert.deepEqual(read.iterations, its);
  });

  it('counting rows (keep = false) accepts and refuses exactly the rows a full read does', () => {
    // Counting takes a fast path for plain decimal rows; these rows probe its edges.
    const rows = [
      '0,1,5.25,0.5,',
      '0,1,NaN,,',
      '0,1,1.,.5,-0',
      '+0,-1,1e5,1E-3,2e+2',
      '00,01,007,,',
      '0,1,,0.5,',
      '0,1,5,,,',
      '0,1,5,',
      '0,1,1.2.3,,',
      '0,1,e5,,',
      '0,1,1e,,',
      '0,1,-,,',
      '0,1,0x10,,',
      '0,1,Infinity,,',
      '0,1, 5,,',
      '0,1,5 ,,',
      '0,1,1_0,,',
      '0,1,nan,,',
      'x,1,5,,',
      '0,1,--5,,',
      '0,1,5,NaN,',
      '0,1,٣,,',
      '0,1,5,,\t',
    ];
    for (const row of rows) {
      const text = `${ITERATIONS_TABLE_HEADER}\n${row}\n`;
      const full = parseIterationsCsv(text, 1, true);
      const counted = parseIterationsCsv(text, 1, false);
      assert.equal(counted.ok, full.ok, `row ${JSON.stringify(row)}`);
      if (!counted.ok && !full.ok) assert.equal(counted.reason, full.reason);
    }
    // Both kinds of outcome are among the probes.
    const oks = rows.map((r) => parseIterationsCsv(`${ITERATIONS_TABLE_HEADER}\n${r}\n`, 1).ok);
    assert.ok(oks.includes(true) && oks.includes(false));
  });

  it('a real multi-test-case legacy run with device times survives the table', async () => {
    const result = parseFile(joinPath(HAND, 'legacy_two_testcases.all'));
    const rec = sampleRecord({ result });
    await new RecordStore(dir, { inlineIterationsLimit: 1 }).save(rec);
    assert.deepEqual((await store.get(rec.id))!, {
      ...rec,
      iterationsFile: iterationsTableName(recordFileName(rec)),
    });
  });
});

describe('record schema 1 files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lar-schema1-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('are read into the same record, and rename/pin keep them schema 1 with objects per iteration', async () => {
    const store = new RecordStore(dir);
    const v1 = sampleRecord({ schema: 1 });
    const name = recordFileName(v1);
    await writeFile(join(dir, name), recordToJson(v1));
    assert.deepEqual(await store.get(v1.id), v1);
    await store.update(v1.id, { label: 'old run' });
    const raw = JSON.parse(await readFile(join(dir, name), 'utf8')) as RunRecord;
    assert.equal(raw.schema, 1);
    assert.equal(raw.label, 'old run');
    assert.deepEqual(raw.result!.iterations, v1.result!.iterations);
    assert.deepEqual(await store.get(v1.id), { ...v1, label: 'old run' });
  });
});

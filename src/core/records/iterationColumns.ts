/**
 * The iterations of a schema-2 record in columns: one array of numbers per measured quantity
 * instead of one JSON object per iteration (a 300,000-iteration run was a 40 MB record of objects).
 * The common case is the smallest: load_and_run numbers its `iter` lines from 0 within each test
 * case, so `index` is written only when it is not that position (`--thread N` repeats indices), and
 * `testcase` only when some iteration is not in test case 0, as runs of `[testcase, count]`.
 * A column that is null everywhere (the newer tool has no device time, ONNX Runtime no host time)
 * is left out. Lossless: `fromColumns(toColumns(xs))` deep-equals `xs` for anything the parsers
 * make (a NaN end-to-end time is written as JSON null and read back as NaN, as in schema 1).
 * Owns the shape and its check; which file the columns live in is the store's business.
 */
import type { IterationTime } from '../engine';

/** The columns as stored under `result.iterations` (inline), or the head of a sidecar (`file`). */
export interface IterationColumns {
  count: number;
  e2eMs?: number[];
  hostMs?: Array<number | null>;
  deviceMs?: Array<number | null>;
  /** Absent: each iteration's index is its position within its run of the same test case. */
  index?: number[];
  /** Runs of `[testcase, count]` in order; absent: every iteration is in test case 0. */
  testcase?: Array<[number, number]>;
  /** Set instead of the columns when they live in a table beside the record (recordStore). */
  file?: string;
}

export type ColumnsRead = { ok: true; iterations: IterationTime[] } | { ok: false; reason: string };

/** The iterations as columns (the arrays are new; the numbers are the same values). */
export function toColumns(iterations: readonly IterationTime[]): IterationColumns {
  const n = iterations.length;
  const e2eMs = new Array<number>(n);
  const hostMs = new Array<number | null>(n);
  const deviceMs = new Array<number | null>(n);
  const index = new Array<number>(n);
  const runs: Array<[number, number]> = [];
  let anyHost = false;
  let anyDevice = false;
  let indexIsPosition = true;
  let position = 0;
  for (let i = 0; i < n; i++) {
    const it = iterations[i]!;
    const last = runs[runs.length - 1];
    if (last && last[0] === it.testcase) {
      last[1]++;
      position++;
    } else {
      runs.push([it.testcase, 1]);
      position = 0;
    }
    e2eMs[i] = it.e2eMs;
    hostMs[i] = it.hostMs;
    deviceMs[i] = it.deviceMs;
    index[i] = it.index;
    if (it.hostMs !== null) anyHost = true;
    if (it.deviceMs !== null) anyDevice = true;
    // Object.is: an index of -0 must not pass for position 0 (it would come back as +0).
    if (!Object.is(it.index, position)) indexIsPosition = false;
  }
  const columns: IterationColumns = { count: n, e2eMs };
  if (anyHost) columns.hostMs = hostMs;
  if (anyDevice) columns.deviceMs = deviceMs;
  if (!indexIsPosition) columns.index = index;
  if (runs.length > 1 || (runs.length === 1 && !Object.is(runs[0]![0], 0))) columns.testcase = runs;
  return columns;
}

type CheckedColumns = {
  ok: true;
  count: number;
  e2e: Array<number | null>;
  host: Array<number | null> | null;
  device: Array<number | null> | null;
  index: Array<number | null> | null;
  runs: Array<[number, number]>;
};

/**
 * Check columns read from a file. Every way a hand edit or a bad merge can break them (a column of
 * the wrong length, a string among the numbers, runs that do not add up to the count) comes back
 * as a reason naming the column.
 */
function checkColumns(value: unknown): CheckedColumns | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason: `result.iterations: ${reason}` });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected columns');
  const c = value as Record<string, unknown>;
  const count = c.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    return fail('"count" must be a whole number');
  }
  const e2e = numberColumn(c.e2eMs, count, 'e2eMs', true);
  if (typeof e2e === 'string') return fail(e2e);
  const host = c.hostMs === undefined ? null : numberColumn(c.hostMs, count, 'hostMs', true);
  if (typeof host === 'string') return fail(host);
  const device = c.deviceMs === undefined ? null : numberColumn(c.deviceMs, count, 'deviceMs', true);
  if (typeof device === 'string') return fail(device);
  const index = c.index === undefined ? null : numberColumn(c.index, count, 'index', false);
  if (typeof index === 'string') return fail(index);
  const runs = c.testcase === undefined ? [[0, count] as [number, number]] : testcaseRuns(c.testcase, count);
  if (typeof runs === 'string') return fail(runs);
  return { ok: true, count, e2e, host, device, index, runs };
}

/** Check the columns (as `fromColumns` does) and say how many iterations they hold, without expanding them. */
export function countColumns(value: unknown): { ok: true; count: number } | { ok: false; reason: string } {
  const checked = checkColumns(value);
  return checked.ok ? { ok: true, count: checked.count } : checked;
}

/** Check columns read from a file (see checkColumns) and expand them into iteration objects. */
export function fromColumns(value: unknown): ColumnsRead {
  const checked = checkColumns(value);
  if (!checked.ok) return checked;
  const { count, e2e, host, device, index, runs } = checked;
  const iterations = new Array<IterationTime>(count);
  let i = 0;
  for (const [testcase, length] of runs) {
    for (let position = 0; position < length; position++, i++) {
      const e = e2e[i];
      iterations[i] = {
        testcase,
        index: index === null ? position : (index[i] as number),
        // JSON has no NaN: a NaN time was written as null (schema 1 reads it back the same way).
        e2eMs: e === null ? Number.NaN : e!,
        hostMs: host === null ? null : host[i]!,
        deviceMs: device === null ? null : device[i]!,
      };
    }
  }
  return { ok: true, iterations };
}

/** The column when it is an array of `count` numbers (or nulls when allowed), else why not. */
function numberColumn(
  value: unknown,
  count: number,
  name: string,
  nullable: boolean,
): Array<number | null> | string {
  if (!Array.isArray(value)) return `"${name}" must be an array of numbers`;
  if (value.length !== count) return `"${name}" has ${value.length} values for ${count} iterations`;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' && !(nullable && v === null)) {
      return `"${name}"[${i}] is not a number (${JSON.stringify(v) ?? String(v)})`;
    }
  }
  return value as Array<number | null>;
}

function testcaseRuns(value: unknown, count: number): Array<[number, number]> | string {
  if (!Array.isArray(value)) return '"testcase" must be a list of [testcase, count] pairs';
  let total = 0;
  for (const run of value) {
    if (
      !Array.isArray(run) ||
      run.length !== 2 ||
      typeof run[0] !== 'number' ||
      !Number.isInteger(run[1]) ||
      (run[1] as number) < 1
    ) {
      return `"testcase" must be a list of [testcase, count] pairs (found ${JSON.stringify(run)})`;
    }
    total += run[1] as number;
  }
  if (total !== count) return `"testcase" runs cover ${total} iterations, not ${count}`;
  return value as Array<[number, number]>;
}

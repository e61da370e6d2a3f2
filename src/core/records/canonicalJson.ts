/**
 * Deterministic JSON for files people diff and merge: the same record always serialises to the
 * same bytes, whatever order its object keys were built in. A run record's top-level fields come
 * in a fixed, readable order (identity first, bulky result and log last); every other object has
 * its keys sorted, so flag sets and parser output diff line by line. The iteration columns of a
 * schema-2 record (`result.iterations`, an object there) are the one exception to one value per
 * line: each column is one line of numbers, or a 300,000-iteration run would be 300,000 lines per
 * column; a run's iterations never change after it is saved, so the long lines never diff.
 */

const RECORD_KEY_ORDER = [
  'schema',
  'id',
  'label',
  'baseline',
  'startedAt',
  'endedAt',
  'status',
  'reason',
  'exitCode',
  'signal',
  'engine',
  'target',
  'model',
  'command',
  'argv',
  'flags',
  'host',
  'artifacts',
  'result',
  'logFile',
  'log',
];

function orderKeys(keys: string[], preferred: readonly string[] | undefined): string[] {
  const sorted = [...keys].sort();
  if (!preferred) return sorted;
  const first = preferred.filter((k) => keys.includes(k));
  return [...first, ...sorted.filter((k) => !preferred.includes(k))];
}

function canonical(value: unknown, preferred?: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of orderKeys(Object.keys(obj), preferred)) {
      if (obj[key] !== undefined) out[key] = canonical(obj[key]);
    }
    return out;
  }
  return value;
}

/** Pretty-printed (2 spaces), stable key order, trailing newline (POSIX text file). */
export function recordToJson(record: object): string {
  const value = canonical(record, RECORD_KEY_ORDER) as Record<string, unknown>;
  const result = value.result as Record<string, unknown> | null | undefined;
  const columns = result?.iterations;
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    return JSON.stringify(value, null, 2) + '\n';
  }
  // Same layout as JSON.stringify(value, null, 2) everywhere but inside the columns object.
  const block = (
    obj: Record<string, unknown>,
    indent: string,
    print: (k: string, v: unknown) => string,
  ): string => {
    const inner = indent + '  ';
    const lines = Object.keys(obj).map((k) => `${inner}${JSON.stringify(k)}: ${print(k, obj[k])}`);
    return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n${indent}}`;
  };
  const nested = (v: unknown, indent: string): string =>
    (JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
  const oneLine = (_k: string, v: unknown): string => JSON.stringify(v) ?? 'null';
  return (
    block(value, '', (k, v) =>
      k === 'result'
        ? block(result!, '  ', (rk, rv) =>
            rk === 'iterations'
              ? block(columns as Record<string, unknown>, '    ', oneLine)
              : nested(rv, '    '),
          )
        : nested(v, '  '),
    ) + '\n'
  );
}

/**
 * Deterministic JSON for files people diff and merge: the same record always serialises to the
 * same bytes, whatever order its object keys were built in. A run record's top-level fields come
 * in a fixed, readable order (identity first, bulky result and log last); every other object has
 * its keys sorted, so flag sets and parser output diff line by line.
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
  return JSON.stringify(canonical(record, RECORD_KEY_ORDER), null, 2) + '\n';
}

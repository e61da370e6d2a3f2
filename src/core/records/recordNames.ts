/**
 * How a run record file is named: `<startedAt compact>-<short id>.json`, e.g.
 * `20250102T030405.123Z-1a2b3c4d.json`. Sorting the names sorts the runs by time; no `:` so the
 * folder works on Windows; the short id makes two runs in the same millisecond distinct and lets
 * the store find a record's file without opening every file.
 */
import type { RunRecord } from './runRecord';

/** First 8 characters of the id (a UUID's first group), lower-case, file-name safe. */
export function shortId(id: string): string {
  const safe = id.toLowerCase().replace(/[^0-9a-z]/g, '');
  return (safe || 'run').slice(0, 8);
}

/** `2025-01-02T03:04:05.123Z` → `20250102T030405.123Z`; an unparsable time falls back to `unknown-time`. */
export function compactTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 'unknown-time';
  return new Date(ms).toISOString().replace(/[-:]/g, '');
}

export function recordFileName(record: Pick<RunRecord, 'id' | 'startedAt'>): string {
  return `${compactTime(record.startedAt)}-${shortId(record.id)}.json`;
}

/**
 * One record file of a runs folder, read and checked: the JSON (a byte-order mark allowed), the
 * schema (1 or 2, zod, loaded on the first read), and a schema-2 record's iterations table beside it.
 * Never throws for a bad file: an unreadable, corrupt or newer-schema file comes back as a problem,
 * and a missing or damaged table as a partial problem of a record that still lists.
 */
import { basename, join } from 'node:path';
import { readIterationsTable } from './iterationsTable';
import { splitIterationsOf } from './iterationsSplitter';
import { NotRegularFileError, readRegularFile, readRegularFileSync } from './regularFile';
import type { RunRecord } from './runRecord';

export interface RecordProblem {
  /** File name inside the store folder. */
  file: string;
  reason: string;
  /** The file was not there when read (deleted, or renamed away): the index drops it. */
  missing?: boolean;
  /** The record itself was read and is listed; only its iterations table could not be (schema 2). */
  partial?: boolean;
}

export interface Located {
  file: string;
  record: RunRecord;
  /** The file's JSON as read: `update` patches this, so fields this version does not know survive. */
  raw: Record<string, unknown>;
  /** The record's iterations table could not be read (`record.iterationsProblem` says the same). */
  problem?: RecordProblem;
  /** Read with `iterations: 'count'`: how many iterations the record holds (its list is empty). */
  iterationCount?: number;
}

export interface ReadRecordOptions {
  /**
   * Read the record file synchronously (the iterations table beside it stays asynchronous): for
   * the many small files of a listing, read in slices that yield between them (recordIndex.ts).
   */
  sync?: boolean;
  /**
   * 'count': check every iteration but keep none (`record.result.iterations` comes back empty and
   * `iterationCount` says how many the record holds): what a listing of heads needs, without
   * materialising (or copying) thousands of iteration objects per record. Default 'read'.
   */
  iterations?: 'read' | 'count';
  /**
   * With `iterations: 'count'`, for a big file: read a schema-1 record's iterations a piece at a
   * time (iterationsSplitter.ts) instead of holding the whole file and its parsed objects.
   */
  stream?: boolean;
}

/**
 * The schema module, imported once: an `import()` per read goes through the ESM loader every time
 * (a resolve per call; under a loader hook, a message to its thread), which cost more than reading
 * the files in a cold listing of 10,000 records.
 */
let recordSchema: Promise<typeof import('./recordSchema')> | undefined;

/** Read `file` of the runs folder `dir` (a name inside it; sidecar names are taken as plain names). */
export async function readRecordAt(
  dir: string,
  file: string,
  options: ReadRecordOptions = {},
): Promise<Located | RecordProblem> {
  let text: string;
  const countOnly = options.iterations === 'count';
  /** How many iterations the splitter counted (and checked) in a big schema-1 file. */
  let streamedCount: number | undefined;
  try {
    const path = join(dir, file);
    if (countOnly && options.stream) {
      const { checkIteration } = await (recordSchema ??= import('./recordSchema'));
      const split = await splitIterationsOf(path, checkIteration);
      if (split.found) streamedCount = split.count;
      text = split.found ? split.text : await readRegularFile(path);
    } else text = options.sync ? readRegularFileSync(path) : await readRegularFile(path);
  } catch (err) {
    if (err instanceof NotRegularFileError) return { file, reason: err.message };
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { file, reason: `cannot read: ${(err as Error).message}`, ...(missing ? { missing } : {}) };
  }
  let value: unknown;
  try {
    // A byte-order mark (Windows editors add one) is not part of the JSON.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    // Positions in the message would be those of the shortened text: read the file whole.
    if (streamedCount !== undefined) return readRecordAt(dir, file, { ...options, stream: false });
    return { file, reason: `not valid JSON (${(err as Error).message})` };
  }
  text = ''; // a 40 MB text need not live on beside its parsed value while it is checked
  // The schema (and zod, ~770 KB of the CLI bundle) loads on the first read, not with the store:
  // `run --save` only writes (issue #15). Load sources with `node --import tsx`, not tsx's
  // namespaced tsImport, under which this import cannot resolve (see bench/history.mjs).
  const { checkRecord } = await (recordSchema ??= import('./recordSchema'));
  const checked = checkRecord(value, { iterations: options.iterations });
  if (!checked.ok) return { file, reason: checked.reason };
  const raw = value as Record<string, unknown>;
  if (!checked.iterationsTable) {
    // The splitter left `[]` in place of the iterations it counted.
    const counted = streamedCount ?? checked.iterationCount;
    return {
      file,
      record: checked.record,
      raw,
      ...(counted !== undefined ? { iterationCount: counted } : {}),
    };
  }
  const { file: tableFile, count } = checked.iterationsTable;
  const table = await readIterationsTable(join(dir, basename(tableFile)), count, !countOnly);
  const record: RunRecord = { ...checked.record, iterationsFile: tableFile };
  if (!table.ok) {
    // The inline statistics still list; the iterations are missing for a reason the record carries.
    record.iterationsProblem = table.reason;
    return {
      file,
      record,
      raw,
      problem: { file, reason: table.reason, partial: true },
      ...(countOnly ? { iterationCount: count } : {}),
    };
  }
  if (countOnly) return { file, record, raw, iterationCount: count };
  record.result = { ...record.result!, iterations: table.iterations };
  return { file, record, raw };
}

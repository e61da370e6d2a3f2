/**
 * An in-memory RunRecord as the object a schema-2 file holds: the same fields, the iterations as
 * columns (`iterationColumns.ts`) or, for a long run, a pointer to the table beside the record.
 * The in-memory-only fields (`iterationsFile`, `iterationsProblem`) are not written.
 * `recordToJson` then prints it; `checkRecord` reads it back into the same RunRecord.
 */
import { toColumns } from './iterationColumns';
import { RECORD_SCHEMA_VERSION, type RunRecord } from './runRecord';

/** `tableFile`: the iterations are in this table beside the record, not inline. */
export function encodeRecord(record: RunRecord, tableFile?: string): Record<string, unknown> {
  const { iterationsFile: _file, iterationsProblem: _problem, result, ...rest } = record;
  void _file;
  void _problem;
  if (result === null) return { ...rest, schema: RECORD_SCHEMA_VERSION, result };
  const iterations =
    tableFile === undefined
      ? toColumns(result.iterations)
      : { count: result.iterations.length, file: tableFile };
  return { ...rest, schema: RECORD_SCHEMA_VERSION, result: { ...result, iterations } };
}

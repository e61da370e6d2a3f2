/**
 * The error `runBenchmark` throws when the run happened but its record could not be written (disk
 * full, folder unwritable). It carries the record, so the caller can still show the numbers (and
 * offer to save them elsewhere): a measured run is never silently lost.
 */
import type { RunRecord } from '../records/runRecord';

export class RecordNotSavedError extends Error {
  constructor(
    readonly record: RunRecord,
    cause: unknown,
  ) {
    super(
      `the run finished (${record.status}) but its record could not be saved: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'RecordNotSavedError';
  }
}

/**
 * The error `runBenchmark` throws when the flags break a rule: nothing was started, nothing saved.
 * It carries every issue (errors and warnings) so the caller can show them all with their fixes.
 */
import type { ValidationIssue } from '../engine';

export class ValidationFailedError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(
      `the flags cannot run (${errors.length} problem${errors.length === 1 ? '' : 's'}): ` +
        errors.map((i) => i.message.en).join(' '),
    );
    this.name = 'ValidationFailedError';
  }

  get errors(): ValidationIssue[] {
    return this.issues.filter((i) => i.severity === 'error');
  }
}

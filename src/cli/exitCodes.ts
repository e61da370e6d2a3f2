/**
 * The CLI's exit codes and the error that selects "usage". 2 is for what was typed (unknown option,
 * missing model, bad load_and_run flags, unknown run id); 1 for a run that failed or work that
 * could not be done (records folder unreadable, runner could not start); 130 after Ctrl-C, as shells do.
 */

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Thrown by a command for a mistake in its invocation; printed without a stack, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The CLI's exit codes and the error that selects "usage". 2 is for what was typed (unknown option,
 * missing model, bad load_and_run flags, unknown run id); 1 for a run that failed or work that
 * could not be done (records folder unreadable, runner could not start); 128 + the signal's number
 * after a cancel signal, as shells report a process a signal stopped: 130 for Ctrl-C, 143 for
 * SIGTERM, 129 for SIGHUP. Decision: not 130 for all of them, because a CI system or `timeout(1)`
 * reads the code to tell a person's Ctrl-C from its own cancellation; the run itself is stopped and
 * recorded (`cancelled`) the same way whichever signal came.
 */
import { constants } from 'node:os';
import type { Bilingual, CliLanguage } from './cliLanguage';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** 128 + the signal number (SIGINT 130, SIGHUP 129, SIGTERM 143). */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  const n = constants.signals[signal];
  return typeof n === 'number' ? 128 + n : EXIT_INTERRUPTED;
}

/**
 * Thrown by a command for a mistake in its invocation; printed without a stack, exit code 2. The
 * CLI's own mistakes come in both languages (`message` is the English); a message relayed from core
 * is a plain string, the same in both.
 */
export class UsageError extends Error {
  private readonly text: Bilingual;

  constructor(text: string | Bilingual) {
    const bilingual = typeof text === 'string' ? { en: text, zh: text } : text;
    super(bilingual.en);
    this.name = 'UsageError';
    this.text = bilingual;
  }

  textIn(lang: CliLanguage): string {
    return this.text[lang];
  }
}

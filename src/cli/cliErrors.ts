/**
 * Turns an error thrown by a command into the line the user reads and the exit code. Known errors
 * carry their own plain-language message (and a hint); anything else is a bug or an environment
 * failure, shown with its cause chain so it can be reported.
 */
import type { RecordNotFoundError } from '../core/records/recordStore';
import { RunnerError } from '../core/runners/runner';
import { ValidationFailedError } from '../core/benchmark/validationFailed';
import { CLI_TEXTS } from './cliTexts';
import { say, type CliLanguage } from './cliLanguage';
import { EXIT_FAILED, EXIT_USAGE, UsageError } from './exitCodes';

export function describeCliError(
  err: unknown,
  lang: CliLanguage = 'en',
): { message: string; exitCode: number } {
  const error = (message: string): string => say(lang, CLI_TEXTS.error, { message });
  if (err instanceof UsageError) return { message: error(err.textIn(lang)), exitCode: EXIT_USAGE };
  if (isRecordNotFound(err))
    return { message: error(lang === 'zh' && err.zh ? err.zh : err.message), exitCode: EXIT_USAGE };
  if (err instanceof ValidationFailedError) {
    // Said again from the issues, which carry both languages (the error's message is English).
    const errors = err.errors;
    const messages = errors.map((i) => i.message[lang]).join(lang === 'zh' ? '' : ' ');
    const entry = errors.length === 1 ? CLI_TEXTS.flagsCannotRunOne : CLI_TEXTS.flagsCannotRunMany;
    return { message: error(say(lang, entry, { count: errors.length, messages })), exitCode: EXIT_USAGE };
  }
  if (err instanceof RunnerError) {
    const text = err.textIn(lang);
    return {
      message: `${error(text.message)}\n${say(lang, CLI_TEXTS.hint, { hint: text.hint })}`,
      exitCode: EXIT_FAILED,
    };
  }
  if (err instanceof Error) {
    let message = error(err.message);
    for (let cause = err.cause; cause instanceof Error; cause = cause.cause)
      message += `\n${say(lang, CLI_TEXTS.causedBy, { message: cause.message })}`;
    return { message, exitCode: EXIT_FAILED };
  }
  return { message: error(String(err)), exitCode: EXIT_FAILED };
}

/**
 * The store's "no such run" error, known by its name: importing the class would load the record
 * store and its schemas on every command's start-up (this module is on the entry's path).
 */
function isRecordNotFound(err: unknown): err is RecordNotFoundError {
  return err instanceof Error && err.name === 'RecordNotFoundError';
}

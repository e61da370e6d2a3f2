/**
 * How a load_and_run run ended, in one status and one plain reason, from its exit code or signal and
 * what the parser made of its output. Exit codes per reference §2a: 0 ok, 1 gflags errors (and
 * --help), 134 (SIGABRT) every assertion/exception, 139 (SIGSEGV) crashes, 255 usage. Over SSH the
 * remote shell reports a signal as 128 + n, so both spellings are accepted. The runner decides
 * timeouts itself; this module never returns 'timeout'.
 */
import type { ParsedResult, RunStatus } from '../../engine';
import { summarizeFailure } from './failureSummary';
import type { LarPhase } from './outputParser';

export interface LarExitDescription {
  status: RunStatus;
  /** Empty when ok. */
  reason: string;
}

const SIGNAL_BY_CODE: Record<number, string> = {
  130: 'SIGINT',
  134: 'SIGABRT',
  137: 'SIGKILL',
  139: 'SIGSEGV',
  143: 'SIGTERM',
};

const PHASE_WORDS: Record<LarPhase, string> = {
  start: 'before loading the model',
  load: 'while loading the model',
  configure: 'while configuring the model',
  'warm-up': 'during warm-up',
  inference: 'during the timed iterations',
  fitting: 'during --fitting',
  finished: 'after the timings were printed',
};

/** Where the run was when it stopped, from the result alone (used when the parser's phase is not at hand). */
function phaseOf(result: ParsedResult | null): LarPhase {
  if (!result) return 'start';
  if (result.totalMs !== null) return 'finished';
  if (result.fitting) return 'fitting';
  if (result.iterations.length > 0) return 'inference';
  // `=== prepare` is printed before each warm-up, so config without a following iteration is warm-up.
  if (result.phases.configMs !== null || result.phases.warmupMs.length > 0) return 'warm-up';
  if (result.phases.loadMs !== null) return 'configure';
  if (result.tool.megbrain !== null) return 'load';
  return 'start';
}

function measuredSomething(result: ParsedResult | null): boolean {
  return Boolean(
    result &&
    (result.iterations.length > 0 || result.totalMs !== null || (result.fitting?.candidates.length ?? 0) > 0),
  );
}

/**
 * @param phase the parser's `phase()` when available; it is more precise than what the result shows
 *   (it knows a second warm-up started).
 */
export function describeExit(
  exitCode: number | null,
  signal: string | null,
  result: ParsedResult | null,
  phase?: LarPhase,
): LarExitDescription {
  const sig = signal ?? (exitCode !== null ? SIGNAL_BY_CODE[exitCode] : undefined) ?? null;
  const where = PHASE_WORDS[phase ?? phaseOf(result)];
  const summary = result ? summarizeFailure(result) : null;
  const kept = measuredSomething(result) ? '; the timings measured before are kept' : '';

  if (sig === 'SIGTERM' || sig === 'SIGINT' || sig === 'SIGHUP') {
    return { status: 'cancelled', reason: `load_and_run was stopped (${sig}) ${where}` };
  }
  if (exitCode === 0 && !sig) {
    if (result === null || result.complete) return { status: 'ok', reason: '' };
    return { status: 'partial', reason: `load_and_run exited normally but its output stops ${where}` };
  }
  if (sig === 'SIGSEGV') {
    return { status: 'failed', reason: `load_and_run crashed (segmentation fault) ${where}${kept}` };
  }
  if (sig === 'SIGABRT') {
    return { status: 'failed', reason: `${summary ?? `load_and_run aborted ${where}`}${kept}` };
  }
  if (sig === 'SIGKILL') {
    return {
      status: 'failed',
      reason: `load_and_run was killed (SIGKILL) ${where}: out of memory, or killed by another process${kept}`,
    };
  }
  if (sig) return { status: 'failed', reason: `load_and_run died of ${sig} ${where}${kept}` };
  if (exitCode === 127)
    return { status: 'failed', reason: summary ?? 'load_and_run was not found (exit code 127)' };
  if (exitCode === 255 && !summary) {
    return {
      status: 'failed',
      reason: 'load_and_run printed its usage: no model path was given (exit code 255)',
    };
  }
  if (exitCode === null) {
    return { status: 'partial', reason: `load_and_run's exit status is unknown; output stops ${where}` };
  }
  return {
    status: 'failed',
    reason: `${summary ?? `load_and_run exited with code ${exitCode} ${where}`}${kept}`,
  };
}

/**
 * "Is this target usable?": reachable, the load_and_run there answers `--version`, its arch and
 * cores, and the raw `--help` text (which flags this build has; parsed by the engine's `helpFlags`).
 * Never throws: every problem becomes `error`, in plain language.
 */
import { collectDeviceFacts } from './deviceFacts';
import { RunnerError, type Runner } from './runner';

export interface TargetCheck {
  reachable: boolean;
  error?: string;
  /** The same problem in Chinese, when it is a RunnerError (they all carry one). */
  errorZh?: string;
  larVersion?: string;
  arch?: string;
  cores?: number;
  helpText?: string;
}

const CONNECTION_CODES = new Set(['host-unreachable', 'auth-failed', 'host-key-changed']);

export async function checkTarget(runner: Runner, larPath: string): Promise<TargetCheck> {
  if (!runner.exec)
    return { reachable: false, error: `The runner for ${runner.target} cannot run commands.` };
  const exec = runner.exec.bind(runner);
  const result: TargetCheck = { reachable: true };
  try {
    const facts = await collectDeviceFacts(exec);
    if (facts.arch) result.arch = facts.arch;
    if (facts.cores) result.cores = facts.cores;
  } catch (e) {
    if (e instanceof RunnerError && CONNECTION_CODES.has(e.code)) return { reachable: false, ...describe(e) };
    // Facts are optional; the checks below say what matters.
  }
  try {
    const version = await exec(larPath, ['--version'], { timeoutMs: 20_000 });
    result.larVersion = versionOf(version.stdout + '\n' + version.stderr);
    // gflags prints --help on stdout and exits 1: the exit code is not a failure here.
    const help = await exec(larPath, ['--help'], { timeoutMs: 20_000 });
    if (/Flags from|type: (bool|int32|string)/.test(help.stdout)) result.helpText = help.stdout;
    else
      result.error = `${larPath} --help did not print a flag list (exit ${help.exitCode}); is it load_and_run?`;
  } catch (e) {
    if (e instanceof RunnerError && CONNECTION_CODES.has(e.code))
      return { ...result, reachable: false, ...describe(e) };
    if (e instanceof RunnerError) Object.assign(result, describe(e));
    else result.error = String(e);
  }
  return result;
}

/** `load_and_run version 1.9999.0` → `1.9999.0`; `MegBrain 1.13.2` likewise; else the first line. */
export function versionOf(text: string): string | undefined {
  const m = /\bversion\s+v?(\d[\w.+-]*)/i.exec(text) ?? /MegBrain\s+v?(\d[\w.+-]*)/.exec(text);
  if (m) return m[1];
  const first = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  return first || undefined;
}

function describe(e: RunnerError): { error: string; errorZh: string } {
  return { error: `${e.message} ${e.hint}`, errorZh: `${e.zh.message}${e.zh.hint}` };
}

/**
 * The one "target → Runner" factory, for both shells: this machine, or an SSH destination with its
 * per-target settings. The extension keeps one runner per target (connection reuse); the CLI makes
 * one per command. What a shell tells its users to fix (a setting, a flag) comes in as `programHint`.
 */
import { LocalRunner } from './localRunner';
import type { ProgramHint, Runner } from './runner';
import { SshRunner } from './sshRunner';

/** Where a run goes. The extension's TargetRef fits this shape as it is. */
export type RunnerTarget =
  | { kind: 'local' }
  | {
      kind: 'ssh';
      /** `host` alias, `user@host` or `ssh://user@host:port`. */
      destination: string;
      /** Passed as `ssh -F`. */
      sshConfigFile?: string;
      /** Remote work directory (default `~/.cache/lar-explorer`). */
      workDir?: string;
      /** Extra remote environment for every run (e.g. LD_LIBRARY_PATH). */
      env?: Record<string, string>;
    };

export interface RunnerOptions {
  /** Root of the local artifact store (outputs with no user path). */
  artifactDir?: string;
  /** How the user points at the right program, in the shell's words. */
  programHint?: ProgramHint;
}

/**
 * A Runner for `target`. Throws RunnerError (`host-unreachable`) for a destination ssh cannot
 * take; shells that want a usage error check `destinationProblem` first.
 */
export function createRunner(target: RunnerTarget, opts: RunnerOptions = {}): Runner {
  const shared = {
    ...(opts.artifactDir ? { artifactDir: opts.artifactDir } : {}),
    ...(opts.programHint ? { programHint: opts.programHint } : {}),
  };
  if (target.kind === 'local') return new LocalRunner(shared);
  return new SshRunner({
    destination: target.destination,
    ...(target.sshConfigFile ? { sshConfigFile: target.sshConfigFile } : {}),
    ...(target.workDir ? { workDir: target.workDir } : {}),
    ...(target.env ? { env: target.env } : {}),
    ...shared,
  });
}

/** A destination as a CLI user types it: `local` (or nothing) is this machine. */
export function runnerTargetOf(destination: string | undefined, sshConfigFile?: string): RunnerTarget {
  if (!destination || destination === 'local') return { kind: 'local' };
  return { kind: 'ssh', destination, ...(sshConfigFile ? { sshConfigFile } : {}) };
}

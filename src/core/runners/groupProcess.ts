/**
 * Start one local program as the leader of its own process group, with an argument array (never a
 * shell): the hot path of LocalRunner.run. Owns starting and the end of the process only; cancel,
 * timeout and group kill stay in LocalRunner/processGroup.ts.
 *
 * Why node:child_process and not execa (the project's usual way to start processes): every local
 * `lar-explorer run` paid for execa before the tool could start — ~12 ms to load its 240 KB of
 * modules and a few more per spawn — out of an 80 ms budget over the bare tool (issue #15,
 * `npm run bench:cli`). Of execa this path used only what spawn gives directly: argv array, merged
 * environment, `detached` process group, no buffering, no rejection. Short helper commands
 * (LocalRunner.exec, ssh) keep execa. Cancel, timeout, group kill, streaming, exit codes and signals
 * are covered by test/unit/runners/localRunner.test.ts, whichever way the process starts.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface GroupProcess {
  /** Undefined when the program could not start (see `ended`'s `cause`). */
  readonly pid: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** How the process ended; `cause` (and no exit code or signal) when it never started. */
  readonly ended: Promise<GroupProcessEnd>;
}

export interface GroupProcessEnd {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  cause?: NodeJS.ErrnoException;
}

export function startGroupProcess(
  program: string,
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string> },
): GroupProcess {
  const child = spawn(program, args, {
    cwd: opts.cwd,
    // As execa's default (extendEnv): the caller's variables over this process's environment.
    env: opts.env ? { ...process.env, ...opts.env } : process.env,
    detached: true, // own process group: cancel reaches grandchildren too
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const ended = new Promise<GroupProcessEnd>((resolve) => {
    // A failed start emits 'error' and never 'exit'; an error after a start (a failed kill) is not
    // an end, so only the first settles it and 'exit' still reports the real end.
    child.once('error', (cause: NodeJS.ErrnoException) => {
      if (child.pid === undefined) resolve({ exitCode: null, signal: null, cause });
    });
    child.once('exit', (exitCode, signal) => resolve({ exitCode, signal }));
  });
  return { pid: child.pid, stdout: child.stdout, stderr: child.stderr, ended };
}

/**
 * What went wrong with an ssh command, in plain language: OpenSSH's own messages (exit 255) and
 * the remote shell's (missing program, full disk, permissions) are mapped to RunnerError codes,
 * each with a hint of what to do. The patterns are the texts OpenSSH 9 and coreutils print
 * (see the unit tests for the real messages).
 */
import { RunnerError, type RunnerErrorCode } from './runner';

export interface SshFailureContext {
  /** The destination as the user wrote it. */
  destination: string;
  /** Exit code of the local `ssh` process (255: ssh itself failed). */
  exitCode: number | null;
  /** Program being started, when the failure may be about it. */
  program?: string;
  /** What was being done, for the message ("uploading the model"). */
  action?: string;
  /** How to point at the right program, in the shell's words (a setting, a flag). */
  programHint?: string;
}

interface Rule {
  code: RunnerErrorCode;
  test: RegExp;
  /** Only when ssh itself failed (exit 255): these texts could also come from a program's output. */
  sshOnly?: boolean;
  message: (c: SshFailureContext, m: RegExpExecArray) => string;
  hint: (c: SshFailureContext, m: RegExpExecArray) => string;
}

const DEFAULT_HINT = 'Set the path of the program for this target to the binary on the board.';
const programHint = (c: SshFailureContext): string => c.programHint ?? DEFAULT_HINT;

// First match wins: specific before general ("Permission denied (publickey)" before "Permission denied").
const RULES: Rule[] = [
  {
    code: 'host-key-changed',
    test: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/,
    sshOnly: true,
    message: (c) => `The host key of ${c.destination} has changed since you last connected.`,
    hint: () =>
      'If the board was re-flashed or its address now belongs to another machine, remove the old key ' +
      '(ssh-keygen -R <host>) and connect once from a terminal to accept the new one. Otherwise, treat it as a possible attack.',
  },
  {
    code: 'host-key-changed',
    test: /No \S+ host key is known for|Host key verification failed/,
    sshOnly: true,
    message: (c) => `The host key of ${c.destination} is not trusted yet.`,
    hint: (c) =>
      `Connect once from a terminal (ssh ${c.destination}) and accept its host key; ` +
      'lar-explorer never answers host-key prompts.',
  },
  {
    code: 'auth-failed',
    test: /Permission denied \([^)]*\)|Too many authentication failures|Authentication failed/,
    sshOnly: true,
    message: (c) => `${c.destination} refused the login (no accepted key).`,
    hint: () =>
      'Passwords cannot be typed here (BatchMode). Install your public key on the board (ssh-copy-id), ' +
      'load it into your agent (ssh-add), or set IdentityFile for this host in ~/.ssh/config.',
  },
  {
    code: 'host-unreachable',
    test: /Could not resolve hostname ([^:\s]+)/,
    sshOnly: true,
    message: (_c, m) => `The host name ${m[1]} could not be resolved.`,
    hint: () => 'Check the spelling of the host, your DNS, or add a HostName for it in ~/.ssh/config.',
  },
  {
    code: 'host-unreachable',
    test: /Connection refused|Connection timed out|Operation timed out|timed out during banner exchange|No route to host|Network is unreachable|Connection reset by|Connection closed by|kex_exchange_identification|Broken pipe|Connection to \S+ closed/,
    sshOnly: true,
    message: (c) => `${c.destination} cannot be reached over SSH.`,
    hint: () => 'Check that the board is powered on, on the network, and that sshd runs on the port you use.',
  },
  {
    code: 'disk-full',
    test: /No space left on device|Disk quota exceeded/,
    message: (c) => `The disk of ${c.destination} is full${c.action ? ` (while ${c.action})` : ''}.`,
    hint: () =>
      'Free space on the board, or point the target work directory to a larger disk ' +
      '(old blobs live in <work dir>/blobs and can be deleted).',
  },
  {
    code: 'binary-missing',
    test: /lar-explorer: no such program: (.*)/,
    message: (c, m) => `${m[1]!.split('/').pop()} was not found on ${c.destination} at ${m[1]}.`,
    hint: programHint,
  },
  {
    // A folder given as the binary: "chmod +x" would be the wrong advice.
    code: 'binary-missing',
    test: /lar-explorer: is a folder: (.*)/,
    message: (c, m) => `${m[1]} on ${c.destination} is a folder, not a program.`,
    hint: (c, m) => `Point at the program inside ${m[1]}, not at the folder. ${programHint(c)}`,
  },
  {
    code: 'binary-not-executable',
    test: /lar-explorer: not executable: (.*)/,
    message: (c, m) => `${m[1]} on ${c.destination} is not an executable file.`,
    hint: (c) =>
      `Make it executable (ssh ${c.destination} chmod +x <path>) or fix the path. ${programHint(c)}`,
  },
  {
    code: 'permission-denied',
    test: /Permission denied|Read-only file system|Operation not permitted/,
    message: (c) => `Permission denied on ${c.destination}${c.action ? ` while ${c.action}` : ''}.`,
    hint: () => 'Choose a target work directory the SSH user can write (default ~/.cache/lar-explorer).',
  },
];

/**
 * A RunnerError for this failure, or null when the text does not say what went wrong and ssh did
 * not fail (a program's own non-zero exit is an outcome, not an error).
 */
export function classifySshFailure(stderr: string, ctx: SshFailureContext): RunnerError | null {
  const sshFailed = ctx.exitCode === 255;
  // The shell's own words when it cannot start the program (127: not found, 126: cannot execute).
  if (
    ctx.program &&
    (ctx.exitCode === 127 || ctx.exitCode === 126) &&
    /not found|No such file|Permission denied|cannot execute/.test(stderr)
  ) {
    return new RunnerError(
      ctx.exitCode === 127 ? 'binary-missing' : 'binary-not-executable',
      ctx.exitCode === 127
        ? `${ctx.program.split('/').pop()} was not found on ${ctx.destination} at ${ctx.program}.`
        : `${ctx.program} on ${ctx.destination} cannot be executed.`,
      programHint(ctx),
    );
  }
  for (const rule of RULES) {
    if (rule.sshOnly && !sshFailed) continue;
    const m = rule.test.exec(stderr);
    if (m) return new RunnerError(rule.code, rule.message(ctx, m), rule.hint(ctx, m));
  }
  if (sshFailed) {
    const last = lastLine(stderr);
    return new RunnerError(
      'host-unreachable',
      `ssh to ${ctx.destination} failed${last ? `: ${last}` : ''}.`,
      `Try "ssh ${ctx.destination}" in a terminal to see what it needs.`,
    );
  }
  return null;
}

/** What OpenSSH's client itself prints when a link breaks (never a remote program's words). */
const SSH_OWN_LINE =
  /^(ssh: |client_loop: |Connection to \S+ closed|Connection (reset|closed) by|packet_write_wait: |Timeout, server .* not responding|Read from remote host|Write failed: |mux_client_|Control socket |kex_exchange_identification: |Broken pipe)/;

/**
 * The error for a run whose program had started (it printed) when ssh ended without the wrapper's
 * status: the link dropped. The stderr tail is then mostly load_and_run's own log, where "No space
 * left" or "Permission denied" are the tool's words, not ssh's; only ssh's own lines are classified,
 * and the message never quotes the tool's last line as if ssh had said it.
 */
export function classifyLostRun(stderrTail: string, ctx: SshFailureContext): RunnerError {
  const own = stderrTail
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => SSH_OWN_LINE.test(l));
  const said = own.length ? ` (ssh: ${own[own.length - 1]})` : '';
  return new RunnerError(
    'host-unreachable',
    `The SSH connection to ${ctx.destination} was lost during the run${said}.`,
    'Check the network link to the board and run again.',
  );
}

function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines[lines.length - 1] : '';
}

/**
 * The Runner contract: start one command on a target, stream its output, end with an exit code or
 * a signal, cancel via AbortSignal. Local and SSH runners implement it with the same events and
 * errors, so the extension and the CLI never know where a command ran.
 */
import type { DeviceFacts } from './deviceFacts';

export interface RunRequest {
  /** Program to start: a path on the target (e.g. the load_and_run binary). */
  program: string;
  /** Arguments, never a shell string. Paths are as the user wrote them (local paths). */
  args: string[];
  /** Working directory on the target, if not the runner's default. */
  cwd?: string;
  /** Extra environment on the target (e.g. LD_LIBRARY_PATH). */
  env?: Record<string, string>;
  /** Kill the run after this many milliseconds (0/undefined: never). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Files the command reads (`in`) or writes (`out`), by the index of the argument that names them.
   * The SSH runner uploads/downloads these and rewrites the argument to its remote path; the local
   * runner ignores them.
   */
  files?: TransferSpec[];
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

export interface TransferSpec {
  /** Index into `args` of the argument holding the path; `prefix` is kept (e.g. `data:` in `data:x.npy`). */
  argIndex: number;
  localPath: string;
  direction: 'in' | 'out' | 'inout' | 'outdir';
  /** Text before the path in the argument, kept when rewriting (e.g. `data:`). */
  prefix?: string;
  /** Flag that names this file (e.g. `--profile`), recorded on the artifact; guessed from the previous argument when absent. */
  flag?: string;
}

export interface Artifact {
  /** Where the file is now, locally. */
  localPath: string;
  /** Flag that named it. */
  flag?: string;
  target: string;
  createdAt: string;
  bytes: number;
}

export interface RunOutcome {
  exitCode: number | null;
  signal: string | null;
  /** Why the run ended, as far as the runner knows. */
  status: 'exited' | 'cancelled' | 'timeout';
  durationMs: number;
  artifacts: Artifact[];
  /** Bytes uploaded for this run (0 when everything was already on the target). */
  uploadedBytes: number;
  /** Plain-language reason when the runner knows why a run ended abnormally (e.g. the SSH link dropped). */
  reason?: string;
  /** The same reason in Chinese. */
  reasonZh?: string;
}

/** Result of a short helper command (`--version`, device facts). */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

export interface ExecOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The program a run starts, by content: recorded in the provenance of the artifacts it makes. */
export interface ProgramFacts {
  /** Path of the program on the target (as started; a bare name is looked up on PATH). */
  path: string;
  bytes?: number;
  sha256?: string;
  /** Why there is no sha256 (no hashing tool on the board, unreadable file). */
  note?: string;
}

export interface Runner {
  /** Human-readable target, e.g. `local` or `ssh:board1`. */
  readonly target: string;
  run(req: RunRequest): Promise<RunOutcome>;
  /**
   * Run a short command to completion and capture its output (no streaming, no files). Throws
   * RunnerError when it could not start (missing program, unreachable host); a non-zero exit is a result.
   */
  exec?(program: string, args: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Size and sha256 of the program on the target (the local runner leaves this to the caller). */
  describeProgram?(program: string): Promise<ProgramFacts>;
  /**
   * The device facts of the target read without starting a process (this machine's files), when
   * the runner can; observeDevice prefers it to the facts script through `exec`.
   */
  readDeviceFacts?(): Promise<DeviceFacts>;
  /** Release connections (SSH control master). */
  dispose(): Promise<void>;
}

/** Stable codes so the UI can explain errors in both languages. */
export type RunnerErrorCode =
  | 'binary-missing'
  | 'binary-not-executable'
  | 'host-unreachable'
  | 'auth-failed'
  | 'host-key-changed'
  | 'disk-full'
  | 'permission-denied'
  | 'transfer-failed'
  | 'spawn-failed';

/** A message and what to do about it, in one language. */
export interface RunnerErrorText {
  message: string;
  hint: string;
}

/** How a shell tells its users to point at the right program (a setting, a flag), in both languages. */
export type ProgramHint = string | { en: string; zh: string };

export function programHintIn(hint: ProgramHint, lang: 'en' | 'zh'): string {
  return typeof hint === 'string' ? hint : hint[lang];
}

/**
 * Thrown when a run could not start or its files could not travel; a run that started and failed
 * is an outcome, not an error. Every one carries its Chinese text (`zh`), required by the type, so
 * the panel, notifications and the CLI can show it in the user's language.
 */
export class RunnerError extends Error {
  readonly zh: RunnerErrorText;
  constructor(
    readonly code: RunnerErrorCode,
    message: string,
    /** What the user should do about it. */
    readonly hint: string,
    options: { zh: RunnerErrorText; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RunnerError';
    this.zh = options.zh;
  }

  /** Message and hint in the user's language. */
  textIn(lang: 'en' | 'zh'): RunnerErrorText {
    return lang === 'zh' ? this.zh : { message: this.message, hint: this.hint };
  }
}

/** A RunnerError from English/Chinese pairs. */
export function bilingualError(
  code: RunnerErrorCode,
  message: { en: string; zh: string },
  hint: { en: string; zh: string },
  cause?: unknown,
): RunnerError {
  return new RunnerError(code, message.en, hint.en, {
    zh: { message: message.zh, hint: hint.zh },
    ...(cause === undefined ? {} : { cause }),
  });
}

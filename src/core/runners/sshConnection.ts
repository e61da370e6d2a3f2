/**
 * One SSH target through the SYSTEM OpenSSH client, so the user's ~/.ssh/config, agent, keys,
 * ProxyJump and known_hosts work exactly as in a terminal. Owns the ssh command line (BatchMode,
 * connect timeout, connection reuse through a ControlMaster socket in a private directory) and
 * starting/capturing ssh processes. What the remote commands do is elsewhere (remoteScripts.ts).
 */
import { lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadExeca } from './execaModule';
import { bilingualError, type ProgramHint, type RunnerError } from './runner';

export interface SshTargetOptions {
  /** `host` alias, `user@host` or `ssh://user@host:port`. */
  destination: string;
  /** Passed as `ssh -F`; default: ssh's own (~/.ssh/config). */
  sshConfigFile?: string;
  /** Remote work directory (default `~/.cache/lar-explorer`). */
  workDir?: string;
  /** Extra remote environment for every run (e.g. LD_LIBRARY_PATH). */
  env?: Record<string, string>;
  /** ssh ConnectTimeout in seconds (default 10). */
  connectTimeoutSec?: number;
  /** Private local directory for the ControlPath socket (default a 0700 dir under the temp dir). */
  controlDir?: string;
  /** Local artifact store root for outputs with no user path. */
  artifactDir?: string;
  /** More ssh arguments, before the destination (tests: -p PORT, -i KEY, -o UserKnownHostsFile=...). */
  extraSshArgs?: string[];
  /** Reuse one connection for all commands (default true); false opens a fresh one per command. */
  reuseConnection?: boolean;
  /** Time between TERM and KILL of a cancelled remote run (default 3000 ms). */
  killGraceMs?: number;
  /** How to point at the right program, in the shell's words (a setting, a flag); core knows neither. */
  programHint?: ProgramHint;
}

export interface CaptureResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

export interface CaptureOptions {
  /** Local file fed to the remote command's stdin. */
  inputFile?: string;
  /** Local file that receives the remote command's stdout (binary safe). */
  stdoutFile?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

// A Unix socket path must fit in sun_path (104 bytes on macOS); %C expands to 40 hex digits.
const MAX_CONTROL_DIR = 60;

export class SshConnection {
  private controlDirReady: Promise<string> | undefined;
  private createdControlDir: string | undefined;
  /** ssh processes started so far (each costs a round trip, or a handshake without reuse). */
  commandCount = 0;

  constructor(readonly opts: SshTargetOptions) {}

  get destination(): string {
    return this.opts.destination.trim();
  }

  /** The full ssh argv for one remote command line. */
  async argv(remoteCommand: string): Promise<string[]> {
    this.commandCount++;
    return [...(await this.options()), '-T', '--', this.destination, remoteCommand];
  }

  /**
   * Start ssh for a long remote command; stdin stays an open pipe the caller never writes.
   * Wrapped in an object because the subprocess is itself a promise (awaiting it would wait for the end).
   */
  async spawn(remoteCommand: string) {
    const { execa } = await loadExeca();
    const argv = await this.argv(remoteCommand);
    return {
      child: execa('ssh', argv, { stdin: 'pipe', buffer: false, reject: false, stripFinalNewline: false }),
    };
  }

  /** Run a short remote command to completion and capture its output. */
  async capture(remoteCommand: string, o: CaptureOptions = {}): Promise<CaptureResult> {
    const { execa } = await loadExeca();
    const argv = await this.argv(remoteCommand);
    const r = await execa('ssh', argv, {
      // An open, never-written stdin: remote watchers read EOF only when ssh goes away.
      ...(o.inputFile ? { inputFile: o.inputFile } : { stdin: 'pipe' as const }),
      ...(o.stdoutFile ? { stdout: { file: o.stdoutFile } } : {}),
      reject: false,
      stripFinalNewline: false,
      timeout: o.timeoutMs,
      cancelSignal: o.signal,
      encoding: 'utf8',
    });
    const cause = r.cause as NodeJS.ErrnoException | undefined;
    if (r.exitCode === undefined && r.signal === undefined && cause?.code === 'ENOENT')
      throw sshMissing(cause);
    return {
      stdout: typeof r.stdout === 'string' ? r.stdout : '',
      stderr: typeof r.stderr === 'string' ? r.stderr : '',
      exitCode: r.exitCode ?? null,
    };
  }

  /** Close the shared connection (`ssh -O exit`); harmless when none is open. */
  async close(): Promise<void> {
    if (this.opts.reuseConnection === false || !this.controlDirReady) return;
    const { execa } = await loadExeca();
    const opts = await this.options();
    await execa('ssh', [...opts, '-O', 'exit', '--', this.destination], {
      reject: false,
      stdin: 'ignore',
      timeout: 10_000,
    });
    if (this.createdControlDir) await rm(this.createdControlDir, { recursive: true, force: true });
  }

  private async options(): Promise<string[]> {
    const o = this.opts;
    const args = [
      '-o',
      'BatchMode=yes',
      '-o',
      `ConnectTimeout=${o.connectTimeoutSec ?? 10}`,
      // Notice a dead link (no RST) within ~30 s instead of never.
      '-o',
      'ServerAliveInterval=10',
      '-o',
      'ServerAliveCountMax=3',
      // Keeps "Warning: Permanently added ..." out of run logs; errors still print.
      '-o',
      'LogLevel=ERROR',
    ];
    if (o.reuseConnection === false) {
      args.push('-o', 'ControlMaster=no', '-o', 'ControlPath=none');
    } else {
      const dir = await this.controlDir();
      args.push('-o', 'ControlMaster=auto', '-o', 'ControlPersist=60', '-o', `ControlPath=${dir}/%C`);
    }
    if (o.sshConfigFile) args.push('-F', o.sshConfigFile);
    args.push(...(o.extraSshArgs ?? []));
    return args;
  }

  private controlDir(): Promise<string> {
    return (this.controlDirReady ??= this.prepareControlDir());
  }

  private async prepareControlDir(): Promise<string> {
    if (this.opts.controlDir) {
      await mkdir(this.opts.controlDir, { recursive: true, mode: 0o700 });
      return this.opts.controlDir;
    }
    const base = os.tmpdir().length <= MAX_CONTROL_DIR - 25 ? os.tmpdir() : '/tmp';
    // One stable directory per user, so separate CLI invocations share a persisted connection.
    const uid = process.getuid?.() ?? 0;
    const stable = path.join(base, `lar-explorer-ssh-${uid}`);
    await mkdir(stable, { mode: 0o700 }).catch(() => undefined);
    if (await isPrivateDir(stable, uid)) return stable;
    // Someone else owns it or it is open to others: never put our sockets there.
    this.createdControlDir = await mkdtemp(path.join(base, 'lar-ssh-'));
    return this.createdControlDir;
  }
}

async function isPrivateDir(dir: string, uid: number): Promise<boolean> {
  try {
    const st = await lstat(dir);
    return st.isDirectory() && !st.isSymbolicLink() && st.uid === uid && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

export function sshMissing(cause?: unknown): RunnerError {
  return bilingualError(
    'spawn-failed',
    {
      en: 'The OpenSSH client (ssh) was not found on this machine.',
      zh: '本机上找不到 OpenSSH 客户端（ssh）。',
    },
    {
      en: 'Install OpenSSH (Debian/Ubuntu: sudo apt-get install openssh-client) and make sure ssh is on PATH.',
      zh: '请安装 OpenSSH（Debian/Ubuntu：sudo apt-get install openssh-client），并确保 ssh 在 PATH 中。',
    },
    cause,
  );
}

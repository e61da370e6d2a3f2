/**
 * SshRunner: runs load_and_run on the user's own board over SSH. One run is, in the common case,
 * ONE ssh command over a shared connection: the remote wrapper (remoteScripts.ts RUN_SCRIPT) checks
 * the content-addressed inputs are there, starts the program in its own process group, streams its
 * output and reports how it ended. Missing inputs are uploaded and the wrapper asked again. Cancel
 * and timeout kill the remote group; so does the link dropping (the wrapper watches ssh's stdin).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defaultArtifactRoot, placeDefaultOutputs } from './artifacts';
import { ExitTrailerFilter, parseTrailer, type RemoteStatus } from './exitTrailer';
import { downloadOutputs, planTransfers, removeRunDir, uploadFile, type TransferPlan } from './remoteFiles';
import { KILL_SCRIPT, RUN_MARKER, RUN_SCRIPT, remoteCommand } from './remoteScripts';
import { connectCommand, parseConnectOutput } from './remoteSweep';
import { RemoteProgramHasher } from './remoteHash';
import {
  bilingualError,
  type RunnerError,
  type ExecOptions,
  type ExecResult,
  type ProgramFacts,
  type RunOutcome,
  type RunRequest,
  type Runner,
} from './runner';
import { SshConnection, sshMissing, type SshTargetOptions } from './sshConnection';
import { classifyLostRun, classifySshFailure } from './sshErrors';
import { destinationProblem } from './sshTargets';
import { startRunTimer } from './runTimer';
import { forwardText } from './textChunks';

export type { SshTargetOptions } from './sshConnection';

const DEFAULT_WORK_DIR = '~/.cache/lar-explorer';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface WrapperRun {
  status: RemoteStatus | null;
  sshExitCode: number | null;
  stderrTail: string;
  sawOutput: boolean;
  stopped: 'cancelled' | 'timeout' | null;
  durationMs: number;
}

export class SshRunner implements Runner {
  readonly target: string;
  private readonly conn: SshConnection;
  private remote: Promise<{ home: string; workDir: string }> | undefined;
  private readonly hasher = new RemoteProgramHasher((cmd) => this.conn.capture(cmd, { timeoutMs: 120_000 }));
  /** Run folders of dead runs removed when this runner's connection opened (remoteSweep.ts). */
  sweptRunDirs: string[] = [];

  constructor(private readonly opts: SshTargetOptions) {
    const problem = destinationProblem(opts.destination);
    if (problem) {
      throw bilingualError(
        'host-unreachable',
        { en: problem, zh: `SSH 目标地址无效：${problem}` },
        {
          en: 'Use a host alias, user@host or ssh://user@host:port.',
          zh: '请使用主机别名、user@host 或 ssh://user@host:port。',
        },
      );
    }
    for (const name of Object.keys(opts.env ?? {})) checkEnvName(name);
    this.conn = new SshConnection(opts);
    this.target = `ssh:${this.conn.destination}`;
  }

  /** ssh commands started so far: a run whose inputs are already on the board costs one. */
  get sshCommandCount(): number {
    return this.conn.commandCount;
  }

  async run(req: RunRequest): Promise<RunOutcome> {
    const base = { exitCode: null, signal: null, durationMs: 0, artifacts: [], uploadedBytes: 0 };
    if (req.signal?.aborted) return { ...base, status: 'cancelled' };
    const env = { ...this.opts.env, ...req.env };
    for (const name of Object.keys(env)) checkEnvName(name);
    const { home, workDir } = await this.remoteDirs();

    const runId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const runDir = path.posix.join(workDir, 'runs', runId);
    const modelSpec = (req.files ?? []).find((f) => f.direction === 'in');
    const placed = placeDefaultOutputs(req.args, req.files ?? [], {
      root: this.opts.artifactDir ?? defaultArtifactRoot(),
      target: this.target,
      modelKey: modelSpec ? path.basename(modelSpec.localPath) : 'model',
    });
    const plan = await planTransfers(placed.args, placed.files, { workDir, runDir, localCwd: process.cwd() });

    let uploadedBytes = 0;
    const cancelled = (): RunOutcome => ({ ...base, status: 'cancelled', uploadedBytes });
    const upload = async (localPath: string, remotePath: string) => {
      try {
        uploadedBytes += await uploadFile(this.conn, localPath, remotePath, req.signal);
      } catch (e) {
        // A cancel during an upload kills its ssh; the size check on the board drops the partial file.
        if (!req.signal?.aborted) throw e;
      }
    };
    const inouts = plan.files.filter((x) => x.kind === 'upload');
    for (const f of inouts) await upload(f.localPath, f.remotePath);
    if (req.signal?.aborted) {
      if (inouts.length) await removeRunDir(this.conn, runDir);
      return cancelled();
    }
    const fetches = plan.files.some((f) => f.kind === 'output' || f.kind === 'outdir' || f.kind === 'upload');
    const program = expandHome(req.program, home);

    let run = await this.runWrapper(req, plan, program, env, runDir, fetches);
    if (run.status?.kind === 'need') {
      // The board lacks some inputs: send exactly those, then start for real.
      for (const i of run.status.indexes) {
        const blob = plan.blobs[i];
        if (blob) await upload(blob.localPath, blob.remotePath);
      }
      if (req.signal?.aborted) {
        await removeRunDir(this.conn, runDir);
        return cancelled();
      }
      run = await this.runWrapper(req, plan, program, env, runDir, fetches);
    }

    const outcome: RunOutcome = {
      ...base,
      status: run.stopped ?? 'exited',
      durationMs: run.durationMs,
      uploadedBytes,
    };
    const s = run.status;
    if (s?.kind === 'exit') outcome.exitCode = s.code;
    else if (s?.kind === 'signal') outcome.signal = s.signal;
    else if (!run.stopped) {
      const err = this.failure(run, program);
      if (!run.sawOutput || s !== null) {
        // The wrapper answered (missing program, setup failure): the link works, tidy up. Otherwise do not
        // make the user wait for another connect timeout.
        if (s !== null) await removeRunDir(this.conn, runDir);
        throw err;
      }
      outcome.reason = `${err.message} The remote process was stopped.`;
      outcome.reasonZh = `${err.zh.message}远程进程已被停止。`;
    }

    if (fetches) {
      if (outcome.status === 'exited' && s !== null) {
        const { artifacts, problems } = await downloadOutputs(
          this.conn,
          plan.files,
          this.target,
          path.posix.join(runDir, RUN_MARKER),
        );
        outcome.artifacts = artifacts;
        if (problems.length) outcome.reason = [outcome.reason, ...problems].filter(Boolean).join(' ');
      }
      await removeRunDir(this.conn, runDir);
    }
    return outcome;
  }

  async exec(program: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const { home } = await this.remoteDirs();
    const prog = expandHome(program, home);
    const mark = newMark();
    const envPairs = Object.entries(this.opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const cmd = remoteCommand(RUN_SCRIPT, [
      '',
      '',
      mark,
      '1',
      '',
      '0',
      '0',
      ...envPairs,
      '--',
      prog,
      ...args,
    ]);
    const r = await this.conn.capture(cmd, { timeoutMs: opts.timeoutMs ?? 30_000, signal: opts.signal });
    const at = r.stderr.indexOf(mark);
    const status = at >= 0 ? parseTrailer(r.stderr.slice(at + mark.length)) : null;
    const stderr = at >= 0 ? r.stderr.slice(0, at) : r.stderr;
    if (status?.kind === 'exit') return { stdout: r.stdout, stderr, exitCode: status.code };
    if (status?.kind === 'signal') return { stdout: r.stdout, stderr, exitCode: null };
    throw (
      classifySshFailure(stderr, {
        destination: this.conn.destination,
        exitCode: r.exitCode,
        program: prog,
        ...(this.opts.programHint ? { programHint: this.opts.programHint } : {}),
      }) ??
      bilingualError(
        'spawn-failed',
        {
          en: `Running ${prog} on ${this.conn.destination} failed.`,
          zh: `在 ${this.conn.destination} 上运行 ${prog} 失败。`,
        },
        { en: 'Try the command in a terminal over ssh.', zh: '请通过 ssh 在终端里试试这条命令。' },
      )
    );
  }

  /** sha256 computed on the board, once per binary on this connection (remoteHash.ts). */
  async describeProgram(program: string): Promise<ProgramFacts> {
    const { home } = await this.remoteDirs();
    return this.hasher.describe(expandHome(program, home));
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }

  /**
   * Remote home and absolute work directory, looked up once (this also opens the shared connection);
   * the same command sweeps run folders that dead runs left behind (remoteSweep.ts).
   */
  private remoteDirs(): Promise<{ home: string; workDir: string }> {
    this.remote ??= (async () => {
      const spec = this.opts.workDir ?? DEFAULT_WORK_DIR;
      const r = await this.conn.capture(connectCommand(spec), { timeoutMs: 60_000 });
      const { home, swept } = parseConnectOutput(r.stdout);
      this.sweptRunDirs = swept;
      if (r.exitCode !== 0 || !home.startsWith('/')) {
        throw (
          classifySshFailure(r.stderr, { destination: this.conn.destination, exitCode: r.exitCode }) ??
          bilingualError(
            'host-unreachable',
            {
              en: `${this.conn.destination} did not answer over SSH.`,
              zh: `${this.conn.destination} 没有通过 SSH 应答。`,
            },
            {
              en: `Try "ssh ${this.conn.destination}" in a terminal.`,
              zh: `请在终端里试试 "ssh ${this.conn.destination}"。`,
            },
          )
        );
      }
      return { home, workDir: expandHome(spec, home) };
    })();
    // A failed lookup is not cached: the next run tries again (the board may be back).
    this.remote.catch(() => (this.remote = undefined));
    return this.remote;
  }

  private async runWrapper(
    req: RunRequest,
    plan: TransferPlan,
    program: string,
    env: Record<string, string>,
    runDir: string,
    keepRunDir: boolean,
  ): Promise<WrapperRun> {
    const graceMs = this.opts.killGraceMs ?? 3000;
    const graceSec = String(Math.max(1, Math.ceil(graceMs / 1000)));
    const pgidFile = path.posix.join(runDir, 'pgid');
    const mark = newMark();
    const cwd = req.cwd ?? runDir;
    const wrapperArgs = [
      pgidFile,
      cwd,
      mark,
      graceSec,
      keepRunDir ? '' : runDir,
      String(plan.dirs.length),
      ...plan.dirs,
      String(plan.blobs.length),
      ...plan.blobs.map((b) => b.remotePath),
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      '--',
      program,
      ...plan.args,
    ];
    const started = Date.now();
    const { child } = await this.conn.spawn(remoteCommand(RUN_SCRIPT, wrapperArgs));
    let stderrTail = '';
    let sawOutput = false;
    const filter = new ExitTrailerFilter(mark, (t) => {
      sawOutput = true;
      req.onStderr?.(t);
    });
    const streams = Promise.all([
      forwardText(child.stdout, (t) => {
        sawOutput = true;
        req.onStdout?.(t);
      }),
      forwardText(child.stderr, (t) => {
        stderrTail = (stderrTail + t).slice(-8192);
        filter.push(t);
      }),
    ]);

    let stopped: WrapperRun['stopped'] = null;
    let lastResort: ReturnType<typeof setTimeout> | undefined;
    const stop = (why: 'cancelled' | 'timeout') => {
      if (stopped) return;
      stopped = why;
      // Kill the remote group by its recorded PGID over a second command on the same connection...
      void this.conn
        .capture(remoteCommand(KILL_SCRIPT, [pgidFile, graceSec]), { timeoutMs: graceMs + 15_000 })
        .catch(() => undefined);
      // ...and close our stdin: the wrapper's watcher sees EOF and kills the group too.
      child.stdin?.end();
      // If the link is dead, do not wait for it: dropping ssh is what makes the remote side clean up.
      lastResort = setTimeout(() => child.kill('SIGKILL'), graceMs + 5000);
    };
    const onAbort = () => stop('cancelled');
    req.signal?.addEventListener('abort', onAbort, { once: true });
    // An abort that came while starting would never fire the listener.
    if (req.signal?.aborted) stop('cancelled');
    const timer = startRunTimer(req.timeoutMs, () => stop('timeout'));

    const result = await child;
    await streams;
    timer.clear();
    if (lastResort) clearTimeout(lastResort);
    req.signal?.removeEventListener('abort', onAbort);
    const cause = result.cause as NodeJS.ErrnoException | undefined;
    if (result.exitCode === undefined && result.signal === undefined && cause?.code === 'ENOENT')
      throw sshMissing(cause);
    return {
      status: filter.end(),
      sshExitCode: result.exitCode ?? null,
      stderrTail,
      sawOutput,
      stopped,
      durationMs: Date.now() - started,
    };
  }

  /** The error for a run that did not report a status (or could not start). */
  private failure(run: WrapperRun, program: string): RunnerError {
    const ctx = {
      destination: this.conn.destination,
      exitCode: run.sshExitCode,
      program,
      ...(this.opts.programHint ? { programHint: this.opts.programHint } : {}),
    };
    // The program ran and printed, then ssh ended with no status: the link dropped mid-run.
    if (run.sawOutput && run.status === null) return classifyLostRun(run.stderrTail, ctx);
    const known = classifySshFailure(run.stderrTail, ctx);
    if (known) return known;
    if (run.status?.kind === 'need') {
      return bilingualError(
        'transfer-failed',
        {
          en: `Input files are still missing on ${this.conn.destination} after uploading them.`,
          zh: `上传后 ${this.conn.destination} 上仍缺少输入文件。`,
        },
        {
          en: 'Check the disk and permissions of the target work directory.',
          zh: '请检查目标工作目录所在磁盘的空间和权限。',
        },
      );
    }
    if (run.status?.kind === 'setup-failed') {
      return bilingualError(
        'permission-denied',
        {
          en: `The run could not be prepared on ${this.conn.destination}.`,
          zh: `无法在 ${this.conn.destination} 上准备这次运行。`,
        },
        {
          en: 'Check that the target work directory and working directory exist and are writable.',
          zh: '请确认目标工作目录和运行目录存在且可写。',
        },
      );
    }
    return bilingualError(
      'host-unreachable',
      {
        en: `The SSH connection to ${this.conn.destination} was lost during the run.`,
        zh: `运行期间与 ${this.conn.destination} 的 SSH 连接断开了。`,
      },
      { en: 'Check the network link to the board and run again.', zh: '请检查到板子的网络连接后重新运行。' },
    );
  }
}

function newMark(): string {
  return `\u001elar-explorer-status:${randomBytes(12).toString('hex')}`;
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.posix.join(home, p.slice(2));
  return p;
}

function checkEnvName(name: string): void {
  if (!ENV_NAME.test(name)) {
    throw bilingualError(
      'spawn-failed',
      { en: `"${name}" is not a valid environment variable name.`, zh: `"${name}" 不是有效的环境变量名。` },
      {
        en: 'Use letters, digits and underscores only (e.g. LD_LIBRARY_PATH).',
        zh: '只能使用字母、数字和下划线（例如 LD_LIBRARY_PATH）。',
      },
    );
  }
}

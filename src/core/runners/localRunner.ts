/**
 * LocalRunner: runs a program on this machine with an argument array (never a shell; the run
 * itself through node:child_process, see groupProcess.ts; short `exec` commands through execa),
 * in its own process group so that cancel and timeout reach every process it started
 * (SIGTERM to the group, SIGKILL after a grace period). Output files named by flags are already
 * local; the runner only places outputs that have no user path and reports artifacts.
 */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { artifactIfFresh, defaultArtifactRoot, flagOf, placeDefaultOutputs } from './artifacts';
import { elfArch } from './binaryArch';
import { startGroupProcess } from './groupProcess';
import { loadExeca } from './execaModule';
import { groupAlive, terminateGroup } from './processGroup';
import {
  RunnerError,
  bilingualError,
  programHintIn,
  type ProgramHint,
  type Artifact,
  type ExecOptions,
  type ExecResult,
  type RunOutcome,
  type RunRequest,
  type Runner,
} from './runner';
import { startRunTimer } from './runTimer';
import { forwardText } from './textChunks';
import type { DeviceFacts } from './deviceFacts';
import { readLocalDeviceFacts } from './localDeviceFacts';

export interface LocalRunnerOptions {
  /** Time between SIGTERM and SIGKILL on cancel/timeout (default 3000 ms). */
  killGraceMs?: number;
  /** Root of the local artifact store for outputs with no user path. */
  artifactDir?: string;
  /** How to point at the right program, in the shell's words (a setting, a flag); core knows neither. */
  programHint?: ProgramHint;
}

/** When no shell said how its users set the program's path. */
export const DEFAULT_PROGRAM_HINT = {
  en: 'Check the path of the program to run.',
  zh: '请检查要运行的程序的路径。',
};

export class LocalRunner implements Runner {
  readonly target = 'local';
  private readonly killGraceMs: number;
  private readonly artifactDir: string;
  private readonly programHint: ProgramHint;

  constructor(opts: LocalRunnerOptions = {}) {
    this.killGraceMs = opts.killGraceMs ?? 3000;
    this.artifactDir = opts.artifactDir ?? defaultArtifactRoot();
    this.programHint = opts.programHint ?? DEFAULT_PROGRAM_HINT;
  }

  async run(req: RunRequest): Promise<RunOutcome> {
    const cancelled: RunOutcome = {
      exitCode: null,
      signal: null,
      status: 'cancelled',
      durationMs: 0,
      artifacts: [],
      uploadedBytes: 0,
    };
    if (req.signal?.aborted) return cancelled;
    await checkProgram(req.program, this.programHint, req.cwd);
    const { args, files } = placeDefaultOutputs(req.args, req.files ?? [], {
      root: this.artifactDir,
      target: this.target,
      modelKey: modelKeyOf(req),
    });
    for (const spec of files) {
      if (spec.direction === 'in') continue;
      const dir =
        spec.direction === 'outdir'
          ? resolve(spec.localPath, req.cwd)
          : path.dirname(resolve(spec.localPath, req.cwd));
      await mkdir(dir, { recursive: true }).catch(() => undefined);
    }

    const started = Date.now();
    // node:child_process, not execa, on this path: see groupProcess.ts for why.
    const child = startGroupProcess(req.program, args, { cwd: req.cwd, env: req.env });
    let status: RunOutcome['status'] = 'exited';
    const stop = (why: 'cancelled' | 'timeout') => {
      if (status !== 'exited' || child.pid === undefined) return;
      status = why;
      terminateGroup(child.pid, this.killGraceMs);
    };
    const onAbort = () => stop('cancelled');
    req.signal?.addEventListener('abort', onAbort, { once: true });
    // An abort that came while starting would never fire the listener.
    if (req.signal?.aborted) stop('cancelled');
    const timer = startRunTimer(req.timeoutMs, () => stop('timeout'));
    const streams = Promise.all([
      forwardText(child.stdout, (t) => req.onStdout?.(t)),
      forwardText(child.stderr, (t) => req.onStderr?.(t)),
    ]);
    const result = await child.ended;
    await streams;
    const durationMs = Date.now() - started;
    timer.clear();
    req.signal?.removeEventListener('abort', onAbort);

    if (result.cause) throw spawnError(req.program, result.cause, this.programHint);
    // A group member may outlive the leader (a backgrounded child); make sure it does not linger.
    if (status !== 'exited' && child.pid !== undefined && groupAlive(child.pid)) {
      terminateGroup(child.pid, this.killGraceMs);
    }

    const artifacts: Artifact[] = [];
    for (const spec of files) {
      if (spec.direction === 'in') continue;
      const a = await artifactIfFresh(
        resolve(spec.localPath, req.cwd),
        flagOf(spec, args),
        this.target,
        started,
      );
      if (a) artifacts.push(a);
    }
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      status,
      durationMs,
      artifacts,
      uploadedBytes: 0,
    };
  }

  async exec(program: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    await checkProgram(program, this.programHint);
    const { execa } = await loadExeca();
    const r = await execa(program, args, {
      stdin: 'ignore',
      reject: false,
      timeout: opts.timeoutMs ?? 30_000,
      cancelSignal: opts.signal,
      stripFinalNewline: false,
    });
    const cause = r.cause as NodeJS.ErrnoException | undefined;
    if (r.exitCode === undefined && r.signal === undefined && cause?.code)
      throw spawnError(program, cause, this.programHint);
    return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? null };
  }

  /** In-process, no shell: these probes would otherwise start seven processes before and after a run. */
  readDeviceFacts(): Promise<DeviceFacts> {
    return readLocalDeviceFacts();
  }

  async dispose(): Promise<void> {
    // Nothing held between runs.
  }
}

function resolve(p: string, cwd: string | undefined): string {
  return path.resolve(cwd ?? process.cwd(), p);
}

/** Key of the model in the artifact store: the first input file's name. */
function modelKeyOf(req: RunRequest): string {
  const model = (req.files ?? []).find((f) => f.direction === 'in');
  return model ? path.basename(model.localPath) : 'model';
}

/** Fail early, with the path and the setting to change, when the program cannot start. */
async function checkProgram(program: string, programHint: ProgramHint, cwd?: string): Promise<void> {
  const hint = { en: programHintIn(programHint, 'en'), zh: programHintIn(programHint, 'zh') };
  // PATH lookup: execa reports ENOENT. The folder and the program are looked at side by side, the
  // program's header and mode too: each look is a trip to the thread pool before the tool starts.
  const byPath = program.includes('/') || program.includes(path.sep);
  const full = resolve(program, cwd);
  const found = byPath ? stat(full).catch(() => null) : null;
  const header = found?.then((st) => (st?.isFile() ? elfArch(full) : null));
  const runnable = found?.then((st) =>
    st?.isFile()
      ? access(full, constants.X_OK).then(
          () => true,
          () => false,
        )
      : false,
  );
  if (
    cwd !== undefined &&
    !(await stat(cwd).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    // Otherwise spawn reports ENOENT, which would read as a missing binary.
    throw bilingualError(
      'spawn-failed',
      { en: `The working directory ${cwd} does not exist.`, zh: `工作目录 ${cwd} 不存在。` },
      { en: 'Choose an existing folder to run in.', zh: '请选择一个已存在的文件夹来运行。' },
    );
  }
  if (!found) return;
  const st = await found;
  if (!st) {
    const name = path.basename(full);
    throw bilingualError(
      'binary-missing',
      { en: `${name} was not found at ${full}.`, zh: `在 ${full} 找不到 ${name}。` },
      hint,
    );
  }
  if (st.isDirectory()) {
    throw bilingualError(
      'binary-missing',
      { en: `${full} is a folder, not a program.`, zh: `${full} 是文件夹，不是程序。` },
      // The runner knows no engine: which program belongs inside the folder is the shell's hint.
      {
        en: `Point at the program inside ${full}, not at the folder. ${hint.en}`,
        zh: `请指向 ${full} 里面的程序，而不是文件夹本身。${hint.zh}`,
      },
    );
  }
  const arch = await header;
  if (arch !== null && arch !== process.arch) {
    const built = arch === 'unknown-elf' ? { en: 'another CPU', zh: '另一种 CPU' } : { en: arch, zh: arch };
    throw bilingualError(
      'binary-not-executable',
      {
        en: `${full} is built for ${built.en}; this machine is ${process.arch}.`,
        zh: `${full} 是为 ${built.zh} 编译的；本机是 ${process.arch}。`,
      },
      {
        en: `Run it on a matching board (an SSH target), or use a build of the program for ${process.arch}.`,
        zh: `请在匹配的板子上运行（SSH 目标），或使用为 ${process.arch} 编译的程序。`,
      },
    );
  }
  if (!(await runnable)) {
    throw bilingualError(
      'binary-not-executable',
      { en: `${full} is not an executable file.`, zh: `${full} 不是可执行文件。` },
      {
        en: `Make it executable (chmod +x ${full}) or ${hint.en[0]!.toLowerCase()}${hint.en.slice(1)}`,
        zh: `请给它加上可执行权限（chmod +x ${full}），或${hint.zh}`,
      },
    );
  }
}

function spawnError(program: string, cause: NodeJS.ErrnoException, programHint: ProgramHint): RunnerError {
  const hint = { en: programHintIn(programHint, 'en'), zh: programHintIn(programHint, 'zh') };
  if (cause.code === 'ENOENT') {
    return bilingualError(
      'binary-missing',
      { en: `${program} was not found.`, zh: `找不到 ${program}。` },
      hint,
      cause,
    );
  }
  if (cause.code === 'EACCES') {
    return bilingualError(
      'binary-not-executable',
      { en: `${program} is not executable.`, zh: `${program} 不可执行。` },
      hint,
      cause,
    );
  }
  return bilingualError(
    'spawn-failed',
    { en: `Could not start ${program}: ${cause.message}`, zh: `无法启动 ${program}：${cause.message}` },
    hint,
    cause,
  );
}

/**
 * Why `program` cannot be started here (missing, not an executable file), or null when it can, or
 * when it is a bare name left to the PATH lookup. Lets a setting be checked when it is set, not at
 * the first Run.
 */
export async function localProgramProblem(
  program: string,
  hint: ProgramHint = DEFAULT_PROGRAM_HINT,
): Promise<RunnerError | null> {
  try {
    await checkProgram(program, hint);
    return null;
  } catch (err) {
    if (err instanceof RunnerError) return err;
    throw err;
  }
}

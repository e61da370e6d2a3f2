/**
 * One benchmark run from start to record: validate the flags (nothing starts if they break a rule),
 * build the command, hash the model, run it through a Runner with the engine's parser fed live,
 * note the device before and after, and turn it all into a RunRecord, saved when a store is given.
 * Shared by the extension and the CLI; knows no UI. A run that was attempted always leaves a record,
 * whatever happened to it (failed, cancelled, timed out, could not even start).
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  anyProvenance,
  artifactReuseIssues,
  readReusedProvenance,
  describeBinary,
  provenanceOf,
  writeProvenance,
} from '../artifacts/provenance';
import type {
  Engine,
  ExitDescription,
  FlagSet,
  LocalizedText,
  IterationTime,
  ModelFacts,
  OutputParser,
  ParsedResult,
  TargetTraits,
  ValidationIssue,
} from '../engine';
import { sha256File, type FileDigest } from '../fileHash';
import type { RecordStore } from '../records/recordStore';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../records/runRecord';
import { RunnerError, type ProgramFacts, type RunOutcome, type Runner } from '../runners/runner';
import { TOOL_LABEL } from '../version';
import { observeDevice, type DeviceObservation } from './deviceObservation';
import { readModelFacts } from './modelFacts';
import { outputClashes } from './outputGuard';
import { RunLog, UNSAVED_INLINE_LOG_LIMIT } from './runLog';
import { planRun, type RunPlan } from './runPlan';
import { RecordNotSavedError } from './recordNotSaved';
import { ValidationFailedError } from './validationFailed';

export interface BenchmarkOptions {
  engine: Engine;
  runner: Runner;
  /** The engine's program on the target (load_and_run path, or name looked up on PATH). */
  program: string;
  /** Arguments before the model (the ONNX Runtime runner script run by `node`). */
  argsPrefix?: string[];
  /** Model path as the user gave it (relative paths are relative to `cwd`). */
  model: string;
  flags: FlagSet;
  /** Records store the model path relative to this folder when the model is inside it. */
  workspaceRoot?: string;
  /** Folder relative paths (model, flag files) are read from; default `workspaceRoot`, else the process cwd. */
  cwd?: string;
  /** What is known of the target (arch, flags its binary lacks): turns platform hints into warnings. */
  target?: TargetTraits;
  /** What is known of the model (an embedded test case); read from the file when not given. */
  modelFacts?: ModelFacts;
  /**
   * The run as the caller already planned (and showed) it with `planRun`: it is not validated again
   * and its argv wins over `program`/`argsPrefix`. Without it, the run is planned (and validated) here.
   */
  plan?: RunPlan;
  label?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  env?: Record<string, string>;
  onLog?(text: string, stream: 'stdout' | 'stderr'): void;
  onIteration?(it: IterationTime): void;
  /** The run moved to another phase (engine-specific names: `load`, `configure`, `warm-up`, `inference`...). */
  onPhase?(phase: string): void;
  /** Validation warnings (the run goes ahead); errors throw ValidationFailedError instead. */
  onWarnings?(issues: ValidationIssue[]): void;
  store?: RecordStore;
  /**
   * Save a run that could not start (binary missing, host unreachable) too (default true: a CI
   * script keeps the attempt). The extension says false: there a wrong path is a setting to fix,
   * and a "run" that never ran would sit in the history beside real ones.
   */
  saveStartFailures?: boolean;
  /** Record device facts before and after (default true; needs a runner with `exec`). */
  collectFacts?: boolean;
  /** Test seams. */
  now?: () => Date;
  newId?: () => string;
}

/**
 * Run one benchmark and return its record (saved to `opts.store` when given).
 * Throws ValidationFailedError (nothing ran, nothing saved) when the flags break a rule, and
 * RecordNotSavedError (carrying the record) when the run is over but its record could not be written.
 */
export async function runBenchmark(opts: BenchmarkOptions): Promise<RunRecord> {
  const { engine, runner } = opts;
  const baseDir = opts.cwd ?? opts.workspaceRoot ?? process.cwd();
  let plan = opts.plan;
  if (!plan) {
    const modelFacts = opts.modelFacts ?? (await readModelFacts(engine, resolve(baseDir, opts.model)));
    plan = planRun(engine, opts.model, opts.flags, opts.target, {
      tool: { program: opts.program, argsPrefix: opts.argsPrefix ?? [], env: {} },
      ...(modelFacts ? { modelFacts } : {}),
    });
    if (plan.blocked) throw new ValidationFailedError(plan.problems);
    if (plan.problems.length > 0) opts.onWarnings?.(plan.problems);
  }

  const now = opts.now ?? (() => new Date());
  const argv = plan.argv;
  const [program, ...args] = argv as [string, ...string[]];
  const modelFile = resolve(baseDir, opts.model);
  const transfers = plan.transfers;
  // Nothing starts when an output would overwrite the model or an input (outputGuard.ts).
  const clashes = await outputClashes(transfers, baseDir);
  if (clashes.length > 0) throw new ValidationFailedError([...plan.problems, ...clashes]);

  // What the record needs before the tool starts (the model's hash, the device's state, the
  // binary's identity) is independent work: read side by side, not one after another, since it
  // all sits between the user's Enter and the first line of output (issue #15).
  const device: DeviceObservation | null =
    opts.collectFacts === false ? null : observeDevice(runner, opts.signal);
  // The provenance of files this run reuses too; compared below, once the binary and device are known.
  const reused = readReusedProvenance(
    transfers.filter((f) => f.direction === 'in' || f.direction === 'inout'),
    baseDir,
  );
  const [digest, binary] = await Promise.all([
    // The signal lets Ctrl-C stop hashing a multi-GB model at once instead of after it.
    sha256File(modelFile, opts.signal).catch((): FileDigest | null => null),
    // The planned argv wins over opts.program (see `plan`), so the binary is the one that will start.
    programFacts(runner, program, baseDir, transfers),
    device?.before(),
  ]);
  const record: RunRecord = {
    schema: RECORD_SCHEMA_VERSION,
    id: (opts.newId ?? randomUUID)(),
    ...(opts.label ? { label: opts.label } : {}),
    startedAt: now().toISOString(),
    model: {
      path: recordedModelPath(modelFile, opts.workspaceRoot),
      sha256: digest?.sha256 ?? null,
      ...(digest ? { bytes: digest.bytes } : {}),
    },
    engine: engine.id,
    target: runner.target,
    flags: { ...opts.flags },
    command: plan.displayCommand,
    argv: [...argv],
    exitCode: null,
    signal: null,
    status: 'failed',
    result: null,
    log: null,
    host: { tool: TOOL_LABEL },
  };

  // Files this run reads that another run produced under other conditions: warn before it starts.
  const binaryFacts = binary;
  const reuse = artifactReuseIssues(await reused, {
    target: runner.target,
    device: device?.facts()?.before,
    binary: binaryFacts,
    model: { sha256: digest?.sha256 ?? null },
  });
  if (reuse.length > 0) opts.onWarnings?.(reuse);

  const parser = engine.createParser();
  let lastPhase = parser.phase?.();
  parser.onIteration = (it) => opts.onIteration?.(it);
  // Bounded memory whatever the output size: a long log streams to the store's folder (runLog.ts).
  const log = new RunLog({
    inlineLimit: opts.store?.inlineLogLimit ?? UNSAVED_INLINE_LOG_LIMIT,
    spillDir: opts.store?.dir,
  });
  const feed = (stream: 'stdout' | 'stderr') => (text: string) => {
    log.push(text);
    parser.push(text, stream);
    opts.onLog?.(text, stream);
    const phase = parser.phase?.();
    if (phase !== undefined && phase !== lastPhase) {
      lastPhase = phase;
      opts.onPhase?.(phase);
    }
  };

  let outcome: RunOutcome | null = null;
  let startError: RunnerError | null = null;
  try {
    outcome = await runner.run({
      program,
      args,
      // The local runner resolves paths against cwd as the tool will; on a remote target the runner
      // maps every file argument to its own work directory, so a local folder means nothing there.
      ...(runner.target === 'local' ? { cwd: baseDir } : {}),
      env: opts.env,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      // Local paths of travelling files are read and written here, so they are resolved against
      // baseDir (the workspace), not this process's cwd; an empty path means "the artifact store".
      files: transfers.map((f) => ({
        ...f,
        localPath: f.localPath === '' ? '' : resolve(baseDir, f.localPath),
      })),
      onStdout: feed('stdout'),
      onStderr: feed('stderr'),
    });
  } catch (err) {
    // Decision: a run that could not start (binary missing, host unreachable, upload failed) is
    // still saved, as a `failed` record with the reason and hint, so the user sees the attempt in
    // the history next to the runs that worked; it is returned, not rethrown. Anything that is not
    // a RunnerError is a bug and propagates.
    if (!(err instanceof RunnerError)) throw err;
    startError = err;
  }
  parser.end();
  await device?.after();

  const parsed = outcome || log.bytes > 0 ? parser.result() : null;
  // A run that could not start measured nothing: a line its target printed (the SSH wrapper's "is a
  // folder") stays in the log but makes no all-dash result.
  const result = startError && parsed && !measuredAnything(parsed) ? null : parsed;
  record.endedAt = now().toISOString();
  record.result = result;
  const finished = log.finish();
  record.log = finished.text;
  if (outcome) {
    record.exitCode = outcome.exitCode;
    record.signal = outcome.signal;
    if (outcome.artifacts.length > 0) record.artifacts = outcome.artifacts;
    const { status, reason } = endOf(engine, parser, outcome, result, opts.timeoutMs, opts.signal);
    record.status = status;
    if (status !== 'ok' && reason.en) record.reason = reason.en;
    if (status !== 'ok' && reason.zh && reason.zh !== reason.en) record.reasonZh = reason.zh;
  } else if (startError) {
    record.status = 'failed';
    record.reason = `${startError.message} ${startError.hint}`.trim();
    record.reasonZh = `${startError.zh.message}${startError.zh.hint}`.trim();
    record.runnerError = { code: startError.code, hint: startError.hint };
  }
  if (device) {
    const facts = device.facts();
    if (facts) record.host.device = facts;
  }
  for (const a of record.artifacts ?? [])
    await writeProvenance(a.localPath, provenanceOf(record, a, binaryFacts));
  if (!opts.store || (startError && opts.saveStartFailures === false)) return record;
  try {
    return await opts.store.save(record, { spillFile: finished.spillFile });
  } catch (err) {
    log.discard();
    throw new RecordNotSavedError(record, err);
  }
}

/**
 * The program by content, when the run reads an artifact with a provenance or writes one: a local
 * binary is hashed here, a remote one on its board (once per connection). Runs that touch no
 * artifact cost nothing more: an SSH study run stays one ssh command, and a local run does not
 * hash a load_and_run of tens of MB before it starts (issue #15) for facts nothing would keep.
 */
export async function programFacts(
  runner: Runner,
  program: string,
  baseDir: string,
  transfers: RunPlan['transfers'],
): Promise<ProgramFacts> {
  const writes = transfers.some((f) => f.direction !== 'in');
  const reads = transfers.filter((f) => f.direction === 'in' && f.localPath !== '');
  if (!writes && !(await anyProvenance(reads.map((f) => resolve(baseDir, f.localPath)))))
    return { path: program };
  if (runner.target === 'local')
    return { path: program, ...(await describeBinary(resolve(baseDir, program))) };
  return (await runner.describeProgram?.(program).catch(() => undefined)) ?? { path: program };
}

function measuredAnything(r: ParsedResult): boolean {
  const p = r.phases;
  return (
    r.iterations.length > 0 ||
    p.loadMs !== null ||
    p.configMs !== null ||
    p.warmupMs.length > 0 ||
    p.inference !== null
  );
}

/** Inside the workspace: a relative path with `/` (git-friendly, same on every OS); else absolute. */
export function recordedModelPath(modelFile: string, workspaceRoot: string | undefined): string {
  if (!workspaceRoot) return modelFile;
  const rel = relative(resolve(workspaceRoot), modelFile);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return modelFile;
  return rel.split(sep).join('/');
}

/** Status and reason: the runner knows about cancel/timeout; the engine reads exit codes and output. */
function endOf(
  engine: Engine,
  parser: OutputParser,
  outcome: RunOutcome,
  result: ParsedResult | null,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
): ExitDescription {
  const kept = result?.iterations.length ?? 0;
  const measured =
    kept > 0
      ? { en: `; ${kept} iterations measured before are kept`, zh: `；之前测得的 ${kept} 次迭代已保留` }
      : { en: '', zh: '' };
  if (outcome.status === 'cancelled') {
    // A caller may say who cancelled (the CLI names the signal it received) as the abort reason:
    // a string, or the same in English and Chinese.
    const who = cancelledBy(signal?.reason);
    return {
      status: 'cancelled',
      reason: { en: `${who.en}${measured.en}`, zh: `${who.zh}${measured.zh}` },
    };
  }
  if (outcome.status === 'timeout') {
    const limit = timeoutMs ? formatSeconds(timeoutMs) : null;
    return {
      status: 'timeout',
      reason: {
        en: `stopped: the run exceeded its time limit${limit ? ` after ${limit}` : ''}${measured.en}`,
        zh: `已停止：运行超出了时间限制${limit ? `（${limit}）` : ''}${measured.zh}`,
      },
    };
  }
  const described = engine.describeExit(
    { exitCode: outcome.exitCode, signal: outcome.signal, ended: 'exited' },
    parser,
  );
  // A runner's own explanation (the SSH link dropped) says more than "killed by SIGHUP".
  if (outcome.reason && described.status !== 'ok')
    return {
      status: described.status,
      reason: { en: outcome.reason, zh: outcome.reasonZh ?? outcome.reason },
    };
  return described;
}

function cancelledBy(reason: unknown): LocalizedText {
  if (typeof reason === 'string') return { en: reason, zh: reason };
  const r = reason as Partial<LocalizedText> | null | undefined;
  if (typeof r?.en === 'string' && typeof r.zh === 'string') return { en: r.en, zh: r.zh };
  return { en: 'cancelled by the user', zh: '已被用户取消' };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

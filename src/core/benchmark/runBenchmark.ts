/**
 * One benchmark run from start to record: validate the flags (nothing starts if they break a rule),
 * build the command, hash the model, run it through a Runner with the engine's parser fed live,
 * note the device before and after, and turn it all into a RunRecord, saved when a store is given.
 * Shared by the extension and the CLI; knows no UI. A run that was attempted always leaves a record,
 * whatever happened to it (failed, cancelled, timed out, could not even start).
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Engine, FlagSet, IterationTime, ParsedResult, TargetTraits, ValidationIssue } from '../engine';
import { checkArtifactReuse, describeBinary, provenanceOf, writeProvenance } from '../artifacts/provenance';
import { describeExit } from '../engines/lar/exitReason';
import type { LarPhase } from '../engines/lar/outputParser';
import { sha256File, type FileDigest } from '../records/modelHash';
import { INLINE_LOG_LIMIT, type RecordStore } from '../records/recordStore';
import { RECORD_SCHEMA_VERSION, type RunRecord, type RunStatus } from '../records/runRecord';
import { RunnerError, type RunOutcome, type Runner } from '../runners/runner';
import { shellJoin } from '../shellQuote';
import { TOOL_LABEL } from '../version';
import { observeDevice, type DeviceObservation } from './deviceObservation';
import { outputClashes } from './outputGuard';
import { RunLog } from './runLog';
import { transferSpecsFor } from './transferSpecs';
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
  /** Record device facts before and after (default true; needs a runner with `exec`). */
  collectFacts?: boolean;
  /** Test seams. */
  now?: () => Date;
  newId?: () => string;
}

/** A parser that can say where the run is (LarOutputParser does); optional in the Engine contract. */
interface PhaseAware {
  phase(): string;
}

/**
 * Run one benchmark and return its record (saved to `opts.store` when given).
 * Throws ValidationFailedError (nothing ran, nothing saved) when the flags break a rule, and
 * RecordNotSavedError (carrying the record) when the run is over but its record could not be written.
 */
export async function runBenchmark(opts: BenchmarkOptions): Promise<RunRecord> {
  const { engine, runner } = opts;
  const issues = engine.validate(opts.flags, opts.target);
  if (issues.some((i) => i.severity === 'error')) throw new ValidationFailedError(issues);
  if (issues.length > 0) opts.onWarnings?.(issues);

  const now = opts.now ?? (() => new Date());
  const baseDir = opts.cwd ?? opts.workspaceRoot ?? process.cwd();
  const prefix = opts.argsPrefix ?? [];
  const engineArgs = engine.buildArgs({ model: opts.model, flags: opts.flags });
  const args = [...prefix, ...engineArgs];
  const argv = [opts.program, ...args];
  const modelFile = resolve(baseDir, opts.model);
  const transfers = transferSpecsFor(engine.catalog, engineArgs);
  // Nothing starts when an output would overwrite the model or an input (outputGuard.ts).
  const clashes = await outputClashes(transfers, baseDir);
  if (clashes.length > 0) throw new ValidationFailedError([...issues, ...clashes]);

  // The signal lets Ctrl-C stop hashing a multi-GB model at once instead of after it.
  const digest = await sha256File(modelFile, opts.signal).catch((): FileDigest | null => null);
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
    command: shellJoin(argv),
    argv,
    exitCode: null,
    signal: null,
    status: 'failed',
    result: null,
    log: null,
    host: { tool: TOOL_LABEL },
  };

  const device: DeviceObservation | null =
    opts.collectFacts === false ? null : observeDevice(runner, opts.signal);
  await device?.before();
  // Files this run reads that another run produced under other conditions: warn before it starts.
  const binary = runner.target === 'local' ? await describeBinary(resolve(baseDir, opts.program)) : undefined;
  const binaryFacts = { path: opts.program, ...binary };
  const reuse = await checkArtifactReuse(
    transfers.filter((f) => f.direction === 'in' || f.direction === 'inout'),
    baseDir,
    {
      target: runner.target,
      device: device?.facts()?.before,
      binary: binaryFacts,
      model: { sha256: digest?.sha256 ?? null },
    },
  );
  if (reuse.length > 0) opts.onWarnings?.(reuse);

  const parser = engine.createParser();
  const phaseAware =
    typeof (parser as Partial<PhaseAware>).phase === 'function' ? (parser as unknown as PhaseAware) : null;
  let lastPhase = phaseAware?.phase();
  parser.onIteration = (it) => opts.onIteration?.(it);
  // Bounded memory whatever the output size: a long log streams to the store's folder (runLog.ts).
  const log = new RunLog({
    inlineLimit: opts.store?.inlineLogLimit ?? INLINE_LOG_LIMIT,
    spillDir: opts.store?.dir,
  });
  const feed = (stream: 'stdout' | 'stderr') => (text: string) => {
    log.push(text);
    parser.push(text, stream);
    opts.onLog?.(text, stream);
    const phase = phaseAware?.phase();
    if (phase !== undefined && phase !== lastPhase) {
      lastPhase = phase;
      opts.onPhase?.(phase);
    }
  };

  let outcome: RunOutcome | null = null;
  let startError: RunnerError | null = null;
  try {
    outcome = await runner.run({
      program: opts.program,
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
        argIndex: f.argIndex + prefix.length,
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

  const result = outcome || log.bytes > 0 ? parser.result() : null;
  record.endedAt = now().toISOString();
  record.result = result;
  const finished = log.finish();
  record.log = finished.text;
  if (outcome) {
    record.exitCode = outcome.exitCode;
    record.signal = outcome.signal;
    if (outcome.artifacts.length > 0) record.artifacts = outcome.artifacts;
    const { status, reason } = endOf(
      engine,
      outcome,
      result,
      phaseAware?.phase(),
      opts.timeoutMs,
      opts.signal,
    );
    record.status = status;
    if (reason) record.reason = reason;
  } else if (startError) {
    record.status = 'failed';
    record.reason = `${startError.message} ${startError.hint}`.trim();
    record.runnerError = { code: startError.code, hint: startError.hint };
  }
  if (device) {
    const facts = device.facts();
    if (facts) record.host.device = facts;
  }
  for (const a of record.artifacts ?? [])
    await writeProvenance(a.localPath, provenanceOf(record, a, binaryFacts));
  if (!opts.store) return record;
  try {
    return await opts.store.save(record, { spillFile: finished.spillFile });
  } catch (err) {
    log.discard();
    throw new RecordNotSavedError(record, err);
  }
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
  outcome: RunOutcome,
  result: ParsedResult | null,
  phase: string | undefined,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
): { status: RunStatus; reason: string } {
  const measured =
    result && result.iterations.length > 0
      ? `; ${result.iterations.length} iterations measured before are kept`
      : '';
  if (outcome.status === 'cancelled') {
    // A caller may say who cancelled (the CLI names the signal it received) as the abort reason.
    const who = typeof signal?.reason === 'string' ? signal.reason : 'cancelled by the user';
    return { status: 'cancelled', reason: `${who}${measured}` };
  }
  if (outcome.status === 'timeout') {
    const limit = timeoutMs ? ` after ${formatSeconds(timeoutMs)}` : '';
    return { status: 'timeout', reason: `stopped: the run exceeded its time limit${limit}${measured}` };
  }
  if (engine.id === 'load_and_run') {
    const described = describeExit(outcome.exitCode, outcome.signal, result, phase as LarPhase | undefined);
    // A runner's own explanation (the SSH link dropped) says more than "killed by SIGHUP".
    if (outcome.reason && described.status !== 'ok')
      return { status: described.status, reason: outcome.reason };
    return described;
  }
  if (outcome.exitCode === 0 && !outcome.signal) {
    return result && !result.complete
      ? { status: 'partial', reason: 'the output stops before the end of the run' }
      : { status: 'ok', reason: '' };
  }
  const how = outcome.signal ? `died of ${outcome.signal}` : `exited with code ${outcome.exitCode}`;
  const toolSaid = result?.messages.find((m) => m.level === 'error')?.text;
  return {
    status: 'failed',
    reason: outcome.reason ?? `${engine.displayName} ${how}${toolSaid ? `: ${toolSaid}` : ''}`,
  };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

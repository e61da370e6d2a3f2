/**
 * The ONNX Runtime runner program: `node dist/ort-runner.js MODEL [--flag value ...]`.
 * Bundled on its own by scripts/build.mjs (onnxruntime-node stays external, resolved from the
 * `node_modules` beside `dist/`, in the repo and in an installed extension alike). It creates a
 * session with the chosen options, feeds inputs, and prints one JSON event per stdout line (see
 * runnerEvents.ts); ONNX Runtime's own log lines go to stderr. Exit code 0 on success, 1 on any
 * error (reported first as an `error` event).
 *
 * Timing: `process.hrtime.bigint()` around `await session.run(...)` only, so the numbers are what a
 * bare script timing session.run would see (bench/engine.mjs checks that claim).
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseOrtArgv } from './commandLine';
import { InputError, prepareInputs, type InputMetadata } from './inputTensors';
import { ORT_PROTOCOL_VERSION, type OrtErrorCode, type OrtRunnerEvent } from './runnerEvents';
import { planOrtRun, type OrtSessionOptions } from './sessionOptions';
import { validateOrtFlags } from './validate';

type Ort = typeof import('onnxruntime-node');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

const startedAt = process.hrtime.bigint();
const msSince = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;

function emit(e: OrtRunnerEvent): void {
  process.stdout.write(JSON.stringify(e) + '\n');
}

class RunnerFailure extends Error {
  constructor(
    readonly code: OrtErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// The reader went away (`| head`, a cancelled run): nobody is left to report to, so stop quietly
// instead of dying with an unhandled EPIPE stack trace on stderr.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(1);
  throw err;
});

const USAGE =
  'usage: ort-runner MODEL.onnx [--graph-optimization-level disabled|basic|extended|layout|all] [--iter N] ...';

async function main(argv: string[]): Promise<void> {
  const parsed = parseOrtArgv(argv);
  if (parsed.model === null) throw new RunnerFailure('usage', `no model given. ${USAGE}`);
  if (parsed.unknown.length > 0)
    throw new RunnerFailure('usage', `unknown argument(s): ${parsed.unknown.join(' ')}. ${USAGE}`);
  if (parsed.problems.length > 0) throw new RunnerFailure('bad-option', parsed.problems.join('; '));
  const issues = validateOrtFlags(parsed.flags);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0)
    throw new RunnerFailure('bad-option', errors.map((i) => `${i.message.en} ${i.fix.en}`).join(' | '));
  for (const w of issues) emit({ event: 'warning', message: w.message.en });

  const model = parsed.model;
  if (!existsSync(model)) throw new RunnerFailure('model-missing', `model file not found: ${model}`);
  if (!statSync(model).isFile()) throw new RunnerFailure('model-missing', `not a file: ${model}`);
  const plan = planOrtRun(parsed.flags);
  for (const [flag, out] of [
    ['optimized-model-path', plan.optimizedModelPath],
    ['profile', plan.profilePath],
  ] as const) {
    // ONNX Runtime would overwrite the model it is benchmarking.
    if (out && resolve(out) === resolve(model))
      throw new RunnerFailure('bad-option', `--${flag} must not be the model file itself`);
  }

  const tImport = process.hrtime.bigint();
  let ort: Ort;
  try {
    ort = await import('onnxruntime-node');
  } catch (err) {
    throw new RunnerFailure(
      'ort-missing',
      `cannot load onnxruntime-node (${(err as Error).message}); it must sit in node_modules beside dist/`,
    );
  }
  const importMs = msSince(tImport);
  emit({
    event: 'start',
    protocol: ORT_PROTOCOL_VERSION,
    ort: ort.env.versions?.node ?? ort.env.versions?.common ?? 'unknown',
    node: process.version,
    model,
    platform: process.platform,
    arch: process.arch,
    iter: plan.iter,
    warmupIter: plan.warmupIter,
    sessionOptions: {
      ...plan.sessionOptions,
      ...(plan.optimizedModelPath ? { optimizedModelFilePath: plan.optimizedModelPath } : {}),
    },
    importMs,
  });

  const create = async (options: OrtSessionOptions): Promise<{ session: Session; ms: number }> => {
    const t = process.hrtime.bigint();
    try {
      const session = await ort.InferenceSession.create(
        model,
        options as Parameters<Ort['InferenceSession']['create']>[1],
      );
      return { session, ms: msSince(t) };
    } catch (err) {
      const text = (err as Error).message;
      const code: OrtErrorCode =
        /not supported|invalid|Invalid argument/.test(text) && !/Load model/.test(text)
          ? 'bad-option'
          : 'model-invalid';
      throw new RunnerFailure(code, `session creation failed: ${text}`);
    }
  };

  // The benchmark session first: its creation time is what a user of these options pays,
  // including ONNX Runtime's one-off start-up, exactly as in runs without --optimized-model-path.
  const benchmarked = await create(plan.sessionOptions);
  const session = benchmarked.session;
  const sessionEvent: Extract<OrtRunnerEvent, { event: 'session' }> = {
    event: 'session',
    loadMs: benchmarked.ms,
    inputs: session.inputMetadata.map(describe),
    outputs: session.outputMetadata.map(describe),
  };
  if (plan.optimizedModelPath) {
    // Saving happens inside session creation and cannot be timed alone: time a creation with the
    // save and an identical one without it (profiling off: no stray profile files), both warm.
    const quiet: OrtSessionOptions = { ...plan.sessionOptions, enableProfiling: false };
    delete quiet.profileFilePrefix;
    const withSave = await create({ ...quiet, optimizedModelFilePath: resolve(plan.optimizedModelPath) });
    await withSave.session.release();
    const without = await create(quiet);
    await without.session.release();
    sessionEvent.sessionWithSaveMs = withSave.ms;
    sessionEvent.sessionWithoutSaveMs = without.ms;
    sessionEvent.optimizedModelSaveMs = withSave.ms - without.ms;
  }
  emit(sessionEvent);

  let prepared;
  try {
    prepared = prepareInputs({
      metadata: session.inputMetadata as readonly InputMetadata[],
      entries: plan.inputEntries,
      freeDims: plan.freeDims,
      seed: plan.seed,
      readFile: (p) => readFileSync(p),
    });
  } catch (err) {
    if (err instanceof InputError) throw new RunnerFailure('input', err.message);
    throw err;
  }
  emit({
    event: 'inputs',
    inputs: prepared.inputs.map(({ name, type, dims, source }) => ({ name, type, dims, source })),
    notes: prepared.notes,
  });
  const feeds: Record<string, InstanceType<Ort['Tensor']>> = {};
  for (const inp of prepared.inputs) {
    feeds[inp.name] = new ort.Tensor(inp.type as 'float32', inp.data as Float32Array, inp.dims);
  }

  let last: Awaited<ReturnType<Session['run']>> | null = null;
  const run = async (): Promise<number> => {
    const t = process.hrtime.bigint();
    try {
      last = await session.run(feeds);
    } catch (err) {
      throw new RunnerFailure('run-failed', `session.run failed: ${(err as Error).message}`);
    }
    return msSince(t);
  };
  for (let i = 0; i < plan.warmupIter; i++) emit({ event: 'warmup', index: i, ms: await run() });
  const times: number[] = [];
  for (let i = 0; i < plan.iter; i++) {
    const ms = await run();
    times.push(ms);
    emit({ event: 'iter', index: i, ms });
  }
  if (last) emit({ event: 'outputs', outputs: fingerprint(last) });

  if (plan.profilePath && plan.sessionOptions.profileFilePrefix) {
    session.endProfiling();
    const written = newestWithPrefix(plan.sessionOptions.profileFilePrefix);
    if (written) {
      renameSync(written, plan.profilePath);
      emit({ event: 'profile', path: plan.profilePath });
    } else {
      emit({ event: 'warning', message: `ONNX Runtime wrote no profile file next to ${plan.profilePath}` });
    }
  }
  await session.release();

  const n = times.length;
  const sum = times.reduce((a, b) => a + b, 0);
  const mean = n > 0 ? sum / n : null;
  const sd =
    n > 1 && mean !== null
      ? Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / (n - 1))
      : n === 1
        ? 0
        : null;
  emit({
    event: 'done',
    totalMs: msSince(startedAt),
    iterations: n,
    iterTotalMs: sum,
    meanMs: mean,
    sdMs: sd,
    minMs: n > 0 ? Math.min(...times) : null,
    maxMs: n > 0 ? Math.max(...times) : null,
    uptimeMs: process.uptime() * 1000,
  });
}

function describe(m: {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}): {
  name: string;
  type?: string;
  shape?: Array<number | string>;
} {
  return m.isTensor ? { name: m.name, type: m.type, shape: [...(m.shape ?? [])] } : { name: m.name };
}

function fingerprint(
  outputs: Record<string, { type: string; dims: readonly number[]; data: unknown }>,
): Array<{
  name: string;
  type: string;
  dims: number[];
  mean: number | null;
}> {
  return Object.entries(outputs).map(([name, t]) => {
    const data = t.data as ArrayLike<number | bigint>;
    let mean: number | null = null;
    if (data && typeof data.length === 'number' && data.length > 0 && typeof data[0] !== 'string') {
      let s = 0;
      for (let i = 0; i < data.length; i++) s += Number(data[i]);
      mean = s / data.length;
    }
    return { name, type: t.type, dims: [...t.dims], mean };
  });
}

/** ONNX Runtime names the profile `<prefix>_<date>.json`; find the newest such file. */
function newestWithPrefix(prefix: string): string | null {
  const dir = dirname(resolve(prefix));
  const base = basename(prefix) + '_';
  const found = readdirSync(dir)
    .filter((f) => f.startsWith(base) && f.endsWith('.json'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0] ?? null;
}

main(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0;
  },
  (err: unknown) => {
    const failure =
      err instanceof RunnerFailure
        ? err
        : new RunnerFailure('internal', (err as Error)?.stack ?? String(err));
    emit({ event: 'error', code: failure.code, message: failure.message });
    process.exitCode = 1;
  },
);

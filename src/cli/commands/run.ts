/**
 * `lar-explorer run MODEL [options] [-- <load_and_run flags>]`: one benchmark, locally or on an SSH
 * target, through core's runBenchmark. Checks what was typed first (model exists, flags parse and
 * pass validation: exit 2 with the fixes), streams progress to stderr, prints the phase table (or
 * the record as JSON) on stdout, saves the record with --save. Ctrl-C, SIGTERM and SIGHUP cancel the
 * run, the remote process included, and exit 128 + the signal (130, 143, 129; see exitCodes.ts),
 * with a saved `cancelled` record when --save.
 */
import { Option, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RecordNotSavedError } from '../../core/benchmark/recordNotSaved';
import { runBenchmark } from '../../core/benchmark/runBenchmark';
import { readModelFacts } from '../../core/benchmark/modelFacts';
import { planRun } from '../../core/benchmark/runPlan';
import type { Engine, FlagSet, ToolInvocation } from '../../core/engine';
import { recordToJson } from '../../core/records/canonicalJson';
import { encodeRecord } from '../../core/records/recordEncoding';
import {
  allEngines,
  engineForModel,
  engineForTargetChecks,
  modelExtensions,
} from '../../core/engines/registry';
import { LocalRunner } from '../../core/runners/localRunner';
import type { Runner } from '../../core/runners/runner';
import { shellJoin } from '../../core/shellQuote';
import type { CliIo } from '../cliIo';
import { CLI_PROGRAM_HINT } from '../cliHints';
import { both, say, untranslated, type Bilingual } from '../cliLanguage';
import { CLI_TEXTS, statusIn } from '../cliTexts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeForSignal, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { RunProgress } from '../progress';
import { cliLanguage, renderIssues, renderRunReport } from '../runReport';
import { workspaceRoot, WORKSPACE_OPTION_HELP } from '../workspaceRoot';
import { RUN_TEXTS as T } from './runTexts';

/** Models from this size on get a note while they are hashed. */
const LARGE_MODEL_BYTES = 512 * 2 ** 20;

export interface RunOptions {
  lar?: string;
  target?: string;
  sshConfig?: string;
  json?: boolean;
  save?: boolean;
  workspace?: string;
  timeout?: string;
  label?: string;
  env: string[];
  progress?: 'line' | 'log' | 'none';
}

export function registerRunCommand(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description(
      `Benchmark a model (${allEngines()
        .map((e) => `${e.modelExtensions.join('/')} with ${e.displayName}`)
        .join(', ')}), locally or on an SSH target with --target.`,
    )
    .argument(
      '<model>',
      `model file (${modelExtensions().join(', ')}); a local path, uploaded for a remote target`,
    )
    .argument(
      '[larFlags...]',
      'engine flags, after "--" (e.g. -- --cpu --iter 20 --fast-run, or -- --graph-optimization-level all)',
    )
    .option(
      '--lar <path>',
      'load_and_run binary (on the target for --target); default $LAR_EXPLORER_LAR, else load_and_run on PATH',
    )
    .option(
      '--target <dest>',
      'run over SSH on this destination (host alias, user@host, ssh://user@host:port)',
    )
    .option('--ssh-config <file>', 'OpenSSH config file for --target (ssh -F)')
    .option(
      '--env <KEY=VALUE>',
      'extra environment for load_and_run (repeatable), e.g. LD_LIBRARY_PATH=/opt/mge/lib',
      collect,
      [],
    )
    .option('--timeout <seconds>', 'stop the run after this many seconds')
    .option('--label <text>', 'label stored with the record')
    .option('--save', 'save the run record to <workspace>/.lar-explorer/runs/')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'print the run record as JSON instead of the phase table')
    .addOption(
      new Option(
        '--progress <mode>',
        'progress on stderr: line (terminal default), log (raw tool output; default otherwise)',
      ).choices(['line', 'log', 'none']),
    )
    // Any error of this command (most often an engine flag typed before "--") ends with this hint.
    .showHelpAfterError(
      '(engine flags go after "--": lar-explorer run MODEL [options] -- --iter 20; see lar-explorer run --help)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        allEngines()
          .flatMap((e) => e.cliExamples)
          .map((args) => `  lar-explorer run ${args}\n`)
          .join(''),
    )
    .action(async (model: string, larFlags: string[], opts: RunOptions) => {
      ctx.setExitCode(await runCommand(ctx.io, model, larFlags, opts));
    });
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runCommand(io: CliIo, model: string, larFlags: string[], opts: RunOptions): Promise<number> {
  const lang = cliLanguage(io.env);
  const cwd = io.cwd;
  const engine = engineFor(model);
  const modelBytes = await checkModel(resolve(cwd, model), model);
  const flags = parseFlags(engine, larFlags);
  const timeoutMs = parseTimeout(opts.timeout);
  const env = parseEnv(opts.env);
  const progressMode = opts.progress ?? (io.stderrIsTTY ? 'line' : 'log');

  const tool = toolInvocation(engine, opts, io);
  // Planned (and validated) once: the record and the problems printed here come from this plan.
  const modelFacts = await readModelFacts(engine, resolve(cwd, model));
  const plan = planRun(engine, model, flags, undefined, { tool, ...(modelFacts ? { modelFacts } : {}) });
  if (plan.problems.length > 0) io.err(renderIssues(plan.problems, lang));
  if (plan.blocked) return EXIT_USAGE;

  const runner = await runnerFor(opts);
  const root = workspaceRoot(io, opts.workspace);
  // The store (and its record schemas) loads only when the run is saved.
  const store = opts.save ? (await import('../workspace')).storeFor(io, opts.workspace) : undefined;
  const iterFlag = flags.iter;
  const progress = new RunProgress(io, progressMode, typeof iterFlag === 'number' ? iterFlag : 10, lang);

  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals = 'SIGINT';
  const stopListening = io.onInterrupt((signal) => {
    if (!controller.signal.aborted) {
      stoppedBy = signal;
      progress.note(say(lang, T.cancelling, { signal }));
    }
    // The reason travels with the abort into the record: "cancelled by the user" would be wrong for a CI timeout.
    controller.abort(signal === 'SIGINT' ? both(T.cancelledByUser) : both(T.cancelledBySignal, { signal }));
  });
  // Hashing a multi-GB model takes seconds before anything else shows: say so (Ctrl-C works).
  if (modelBytes >= LARGE_MODEL_BYTES)
    progress.note(say(lang, T.hashing, { size: (modelBytes / 2 ** 30).toFixed(1) }));
  try {
    let saveError: RecordNotSavedError | null = null;
    const record = await runBenchmark({
      engine,
      runner,
      program: tool.program,
      argsPrefix: tool.argsPrefix,
      model,
      flags,
      plan,
      cwd,
      workspaceRoot: root,
      label: opts.label,
      signal: controller.signal,
      timeoutMs,
      env: { ...tool.env, ...env },
      store,
      // Flag warnings were printed above; what runBenchmark adds is about reused artifacts.
      onWarnings: (ws) => {
        const stale = ws.filter((w) => w.rule === 'stale-artifact');
        if (stale.length > 0) progress.note(renderIssues(stale, lang));
      },
      onLog: (text) => progress.log(text),
      onPhase: (phase) => progress.onPhase(phase),
      onIteration: (it) => progress.onIteration(it),
    }).catch((err: unknown) => {
      // The run is over but the record could not be written: still show the numbers, then fail.
      if (!(err instanceof RecordNotSavedError)) throw err;
      saveError = err;
      return err.record;
    });
    progress.done();
    // --json prints the record as a schema-2 file holds it (iterations as columns), not the
    // in-memory shape: what a script reads here is what it reads from .lar-explorer/runs/.
    io.out(opts.json ? recordToJson(encodeRecord(record)) : renderRunReport(record, lang));
    if (saveError) {
      // Said from the error's parts: its message is English; the cause (the file system's) is kept as is.
      const { cause } = saveError as RecordNotSavedError;
      const message = say(lang, T.recordNotSaved, {
        status: statusIn(lang, record.status),
        cause: cause instanceof Error ? cause.message : String(cause),
      });
      io.err(`lar-explorer: ${say(lang, CLI_TEXTS.error, { message })}\n`);
      return EXIT_FAILED;
    }
    if (store) io.err(say(lang, T.saved, { id: record.id, dir: store.dir }) + '\n');
    if (record.status === 'cancelled' || controller.signal.aborted) return exitCodeForSignal(stoppedBy);
    return record.status === 'ok' ? EXIT_OK : EXIT_FAILED;
  } finally {
    progress.done();
    stopListening();
    await runner.dispose();
  }
}

export function engineFor(model: string): Engine {
  const engine = engineForModel(model);
  if (!engine) {
    throw new UsageError(both(T.unknownModelKind, { model, extensions: modelExtensions().join(', ') }));
  }
  return engine;
}

/** The model's size in bytes, after checking it is a non-empty file. */
export async function checkModel(path: string, shown: string): Promise<number> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new UsageError(both(T.modelNotFile, { model: shown }));
    // The engines' own messages for an empty file are C++ internals (ONNX Runtime) or a crash.
    if (st.size === 0) throw new UsageError(both(T.modelEmpty, { model: shown }));
    return st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? both(T.modelNotFound, { model: shown, path })
        : both(T.modelUnreadable, { model: shown, reason: (err as Error).message }),
    );
  }
}

export function parseFlags(engine: Engine, words: string[]): FlagSet {
  const parsed = engine.parseArgs(words);
  // The engine's own problems are English (core); what the CLI adds is in both languages.
  const problems: Bilingual[] = parsed.problems.map(untranslated);
  if (parsed.unknown.length > 0) {
    const tool = engine.program.kind === 'binary' ? engine.program.name : engine.displayName;
    const entry = engine.program.kind === 'binary' ? T.notToolFlagsSeeHelp : T.notToolFlags;
    problems.push(both(entry, { tool, flags: shellJoin(parsed.unknown) }));
  }
  if (problems.length > 0) {
    throw new UsageError({
      en: problems.map((p) => p.en).join('\n'),
      zh: problems.map((p) => p.zh).join('\n'),
    });
  }
  return parsed.flags;
}

export function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(both(T.timeoutNotPositive, { value: text }));
  // Below half a millisecond the limit would round to 0, which means "no limit".
  if (Math.round(seconds * 1000) < 1) throw new UsageError(both(T.timeoutTooSmall, { value: text }));
  return Math.round(seconds * 1000);
}

export function parseEnv(pairs: string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(both(T.envPair, { value: pair }));
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/**
 * What to start: an installed binary (from --lar, $LAR_EXPLORER_LAR, or its name on PATH), or a
 * runner we ship (dist/ beside this bundle; from source under tsx), on this machine when the engine
 * runs locally only.
 */
export function toolInvocation(engine: Engine, opts: RunOptions, io: CliIo): ToolInvocation {
  if (engine.program.kind === 'binary') {
    return { program: opts.lar ?? io.env.LAR_EXPLORER_LAR ?? engine.program.name, argsPrefix: [], env: {} };
  }
  const name = engine.displayName;
  if (engine.capabilities.localOnly && opts.target && opts.target !== 'local') {
    throw new UsageError(both(T.embeddedLocalOnly, { engine: name }));
  }
  if (opts.lar) {
    const binary = engineForTargetChecks()?.program;
    throw new UsageError(
      binary?.kind === 'binary'
        ? both(T.larForBinaryModels, { tool: binary.name, engine: name })
        : both(T.larForInstalled, { engine: name }),
    );
  }
  // The bundle's dist/ holds the runner beside this file; from source (tests), run it under tsx.
  const bundled = engine.program.bundled(__dirname);
  if (bundled.argsPrefix.every((a) => !a.endsWith('.js') || existsSync(a))) return bundled;
  return engine.program.fromSource(resolve(__dirname, '..', '..', '..'));
}

/**
 * The runner for --target. A local run builds its LocalRunner here, as createRunner would, so that
 * the SSH runner and ssh-config load only for a remote target: they cost every local run ~4 ms of
 * start-up, before the tool could start (issue #15, `npm run bench:cli`).
 */
export async function runnerFor(opts: RunOptions): Promise<Runner> {
  if (!opts.target || opts.target === 'local') {
    if (opts.sshConfig) throw new UsageError(both(T.sshConfigNeedsTarget));
    return new LocalRunner({ programHint: CLI_PROGRAM_HINT });
  }
  const [{ destinationProblemText }, { createRunner, runnerTargetOf }] = await Promise.all([
    import('../../core/runners/sshTargets'),
    import('../../core/runners/createRunner'),
  ]);
  // A destination ssh cannot read is a typing mistake (exit 2), not a failed run.
  const problem = destinationProblemText(opts.target);
  if (problem) throw new UsageError(problem);
  return createRunner(runnerTargetOf(opts.target, opts.sshConfig), { programHint: CLI_PROGRAM_HINT });
}

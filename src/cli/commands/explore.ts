/**
 * `lar-explorer explore MODEL [options] [-- FLAGS FOR EVERY CANDIDATE]`: a study (issue #10) —
 * candidates run in shuffled rounds on one or more targets, the baseline twice per round, ranked
 * with intervals against a measured noise floor, losers dropped from round 3, break-even per
 * candidate. `--resume ID` continues a stopped study. Exit 0 when the study completes (also when
 * nothing beats the baseline), 1 failed, 2 usage, 130 cancelled.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { arch as hostArch, cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine, FlagSet } from '../../core/engine';
import { engineById } from '../../core/engines/registry';
import { checkTarget } from '../../core/runners/targetCheck';
import { RecordStore } from '../../core/records/recordStore';
import type { Runner } from '../../core/runners/runner';
import {
  guideCandidatesFor,
  parseCandidateFile,
  parseCandidateLine,
  presetCandidates,
} from '../../core/study/candidateSources';
import { parseObjective } from '../../core/study/runMeasures';
import { resumeStudy, runStudy, StudyDefinitionError } from '../../core/study/runStudy';
import type { StudyDeps, StudyTargetDeps } from '../../core/study/studyDeps';
import { StudyNotFoundError, StudyStore } from '../../core/study/studyStore';
import type { Budget, Candidate, StudyDefinition, StudyRecord } from '../../core/study/studyTypes';
import type { CliIo } from '../cliIo';
import { both, cliLanguage, errorText, say } from '../cliLanguage';
import { EXIT_FAILED, EXIT_OK, exitCodeForSignal, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { renderStudyReport, StudyProgress, studyJson } from '../studyReport';
import { workspaceRoot, WORKSPACE_OPTION_HELP } from '../workspace';
import {
  checkModel,
  collect,
  runnerFor,
  engineFor,
  parseEnv,
  parseFlags,
  parseTimeout,
  toolInvocation,
} from './run';
import { EXPLORE_TEXTS as T } from './exploreTexts';
import { RUN_TEXTS } from './runTexts';

interface ExploreOptions {
  target: string[];
  candidates?: string;
  candidate: string[];
  baseline?: string;
  objective: string;
  budget?: string;
  maxRounds?: string;
  seed?: string;
  cooldown?: string;
  save?: boolean;
  json?: boolean;
  resume?: string;
  lar?: string;
  sshConfig?: string;
  env: string[];
  timeout?: string;
  workspace?: string;
  racing: boolean;
  profileEnd?: boolean;
}

const DEFAULT_ROUNDS = 10;

export function registerExploreCommand(program: Command, ctx: CommandContext): void {
  program
    .command('explore')
    .description(
      'Find which settings pay off for a model on a target: candidates in shuffled rounds, the baseline twice per round (a measured noise floor), ranked with 95% intervals, losers dropped from round 3, break-even per candidate.',
    )
    .argument('[model]', 'model file (.mge, .mgb, .mdl, .onnx); not with --resume')
    .argument('[flags...]', 'flags for every candidate, after "--" (e.g. -- --cpu --iter 20)')
    .option('--target <t>', 'local or an SSH destination (repeatable: targets run side by side)', collect, [])
    .option('--candidates <set>', 'guide (default), presets, or a FILE of "LABEL: FLAGS" lines / JSON')
    .option('--candidate <spec>', 'one candidate as "LABEL: FLAGS" (repeatable)', collect, [])
    .option('--baseline <label>', 'the baseline candidate (default: the first)')
    .option(
      '--objective <o>',
      'mean (default), median, p90, or cost:N (load + configuration + warm-ups + N × mean)',
      'mean',
    )
    .option('--budget <time>', 'wall-time budget, e.g. 90s, 10m, 1h')
    .option('--max-rounds <n>', `rounds per target (default ${DEFAULT_ROUNDS} without --budget)`)
    .option('--seed <n>', 'seed of the shuffles (default: random, printed; the same seed replays the order)')
    .option('--cooldown <time>', 'pause between runs on a target, e.g. 2s (boards heat up)')
    .option(
      '--profile-end',
      'after the verdict, profile the baseline and the winner once more and say where the difference comes from',
    )
    .option('--no-racing', 'run every candidate for the whole budget (no dropping, no early stop)')
    .option('--save', 'keep the study and its runs in <workspace>/.lar-explorer/ (needed for --resume)')
    .option('--resume <id>', 'continue a stopped study (id or unique prefix) where it stopped')
    .option('--json', 'print the result as JSON (see README: explore --json)')
    .option(
      '--lar <path>',
      'load_and_run binary (on each target); default $LAR_EXPLORER_LAR, else load_and_run on PATH',
    )
    .option('--ssh-config <file>', 'OpenSSH config file for SSH targets (ssh -F)')
    .option('--env <KEY=VALUE>', 'extra environment for the tool (repeatable)', collect, [])
    .option('--timeout <seconds>', 'stop any single run after this many seconds')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  lar-explorer explore model.mge --save -- --cpu\n' +
        '  lar-explorer explore model.mge --target board1 --target board2 --budget 20m --cooldown 2s --save -- --cpu\n' +
        "  lar-explorer explore model.onnx --candidate 'all: --graph-optimization-level all' \\\n" +
        "      --candidate 'basic: --graph-optimization-level basic' --max-rounds 8 -- --intra-op-threads 1\n" +
        '  lar-explorer explore --resume 1a2b3c4d\n',
    )
    .action(async (model: string | undefined, flags: string[], opts: ExploreOptions) => {
      ctx.setExitCode(await exploreCommand(ctx.io, model, flags, opts));
    });
}

async function exploreCommand(
  io: CliIo,
  model: string | undefined,
  words: string[],
  opts: ExploreOptions,
): Promise<number> {
  const lang = cliLanguage(io.env);
  const root = workspaceRoot(io, opts.workspace);
  const saving = Boolean(opts.save || opts.resume);
  // Without --save the study still needs a home for its records while it runs; it is removed after,
  // whatever happens.
  const home = saving ? root : mkdtempSync(join(tmpdir(), 'lar-explorer-study-'));
  try {
    const studyStore = StudyStore.forWorkspace(home);
    let def: StudyDefinition;
    if (opts.resume) {
      if (model) throw new UsageError(both(T.resumeWithModel));
      const prior = await studyStore.resolve(opts.resume).catch((err: unknown) => {
        throw err instanceof StudyNotFoundError ? new UsageError(errorText(err)) : err;
      });
      def = prior.definition;
    } else {
      if (!model) throw new UsageError(both(T.noModel));
      def = await buildDefinition(io, root, model, words, opts);
    }
    const engine = engineById(def.engine) as Engine;
    const targets = Object.fromEntries(
      await Promise.all(
        def.targets.map(
          async (t) => [t.name, await targetDeps(io, engine, destinationOf(t.name), opts)] as const,
        ),
      ),
    );
    if (engine.program.kind === 'binary') await probeTargets(io, engine, targets);
    const progress = new StudyProgress((s) => io.err(s), io.stderrIsTTY, lang);
    const deps: StudyDeps = {
      engine,
      targets,
      workspaceRoot: root,
      runStore: saving ? RecordStore.forWorkspace(root) : RecordStore.forWorkspace(home),
      studyStore,
      onEvent: (e) => progress.onEvent(e),
    };
    const controller = new AbortController();
    // As `run`: SIGTERM and SIGHUP cancel too, and the exit code names the signal (exitCodes.ts).
    let stoppedBy: NodeJS.Signals = 'SIGINT';
    const stopListening = io.onInterrupt((signal) => {
      if (!controller.signal.aborted) {
        stoppedBy = signal;
        io.err(say(lang, T.cancelling, { signal }) + '\n');
      }
      controller.abort(
        signal === 'SIGINT' ? both(RUN_TEXTS.cancelledByUser) : both(RUN_TEXTS.cancelledBySignal, { signal }),
      );
    });
    let record: StudyRecord;
    try {
      record = opts.resume
        ? await resumeStudy(opts.resume, deps, controller.signal, resumeBudget(opts))
        : await runStudy(def, deps, controller.signal);
    } catch (err) {
      if (err instanceof StudyDefinitionError) throw new UsageError(errorText(err));
      throw err;
    } finally {
      stopListening();
      await Promise.all(Object.values(targets).map((t) => t.runner.dispose()));
    }
    const path = saving ? studyStore.pathOf(record) : null;
    io.out(
      opts.json
        ? JSON.stringify(studyJson(record, saving), null, 2) + '\n'
        : renderStudyReport(record, path, lang),
    );
    if (record.stoppedBecause === 'cancelled') {
      io.err(
        (saving ? say(lang, T.continueWith, { id: record.id.slice(0, 8) }) : say(lang, T.notSaved)) + '\n',
      );
      return exitCodeForSignal(stoppedBy);
    }
    return record.stoppedBecause === 'failed' ? EXIT_FAILED : EXIT_OK;
  } finally {
    // Also when the study never started (a mistake in its options, an unreachable target).
    if (!saving) rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Ask each target for its arch and the engine's binary for its flags (`--help`), so candidates that
 * cannot run there are left out before anything runs. Best effort: an unreachable target fails in
 * the study itself, with the runner's reason on its runs.
 */
async function probeTargets(
  io: CliIo,
  engine: Engine,
  targets: Record<string, StudyTargetDeps>,
): Promise<void> {
  await Promise.all(
    Object.entries(targets).map(async ([name, t]) => {
      const check = await checkTarget(t.runner, t.program).catch(() => null);
      if (!check?.reachable) {
        const lang = cliLanguage(io.env);
        const problem = (lang === 'zh' ? check?.errorZh : undefined) ?? check?.error;
        if (problem) io.err(say(lang, T.targetProblem, { target: name, problem }) + '\n');
        return;
      }
      t.traits = {
        ...(check.arch ? { arch: check.arch } : {}),
        ...(check.helpText && engine.helpFlags ? { supportedFlags: engine.helpFlags(check.helpText) } : {}),
      };
    }),
  );
}

/**
 * A study names its targets as run records do (`local`, `ssh:DEST`), so its noise floor is found
 * for the runs `compare` looks at.
 */
function targetName(destination: string): string {
  return destination === 'local' ? 'local' : `ssh:${destination}`;
}

function destinationOf(name: string): string {
  return name.startsWith('ssh:') ? name.slice(4) : name;
}

async function targetDeps(
  io: CliIo,
  engine: Engine,
  destination: string,
  opts: ExploreOptions,
): Promise<StudyTargetDeps> {
  const runOpts = { lar: opts.lar, target: destination, sshConfig: opts.sshConfig, env: opts.env };
  const tool = toolInvocation(engine, runOpts, io);
  const runner: Runner = await runnerFor(runOpts);
  const env = parseEnv(opts.env);
  return {
    runner,
    program: tool.program,
    argsPrefix: tool.argsPrefix,
    env: { ...tool.env, ...env },
    timeoutMs: parseTimeout(opts.timeout),
  };
}

async function buildDefinition(
  io: CliIo,
  root: string,
  model: string,
  words: string[],
  opts: ExploreOptions,
): Promise<StudyDefinition> {
  const engine = engineFor(model);
  await checkModel(resolve(io.cwd, model), model);
  const common: FlagSet = parseFlags(engine, words);
  const iterations = typeof common.iter === 'number' ? common.iter : 10;
  const warmups = typeof common['warmup-iter'] === 'number' ? common['warmup-iter'] : 1;
  delete common.iter;
  delete common['warmup-iter'];
  const targetNames = opts.target.length > 0 ? opts.target : ['local'];
  if (engine.capabilities.localOnly && targetNames.some((t) => t !== 'local'))
    throw new UsageError(both(RUN_TEXTS.embeddedLocalOnly, { engine: engine.displayName }));
  const candidates = await candidatesFrom(io, engine, opts);
  const baseline = opts.baseline ?? candidates[0]?.label;
  if (opts.baseline && !candidates.some((c) => c.label === opts.baseline))
    throw new UsageError(
      both(T.baselineNotCandidate, {
        label: opts.baseline,
        candidates: candidates.map((c) => c.label).join(', '),
      }),
    );
  const objective = (() => {
    try {
      return parseObjective(opts.objective);
    } catch (err) {
      throw new UsageError(errorText(err as Error));
    }
  })();
  // The model path is kept relative to the workspace, as the run records keep it.
  const modelPath = resolve(io.cwd, model);
  const relModel = modelPath.startsWith(root + '/') ? modelPath.slice(root.length + 1) : modelPath;
  return {
    model: relModel,
    engine: engine.id,
    targets: targetNames.map((destination) => ({
      name: targetName(destination),
      ...(destination === 'local' ? { traits: { arch: localArch() } } : {}),
      program:
        engine.program.kind === 'binary'
          ? (opts.lar ?? io.env.LAR_EXPLORER_LAR ?? engine.program.name)
          : engine.id,
    })),
    candidates,
    baseline: baseline!,
    objective,
    budget: budgetFrom(opts),
    iterations,
    warmups,
    seed: opts.seed !== undefined ? intOption('--seed', opts.seed, 0) : Math.floor(Math.random() * 2 ** 31),
    cooldownMs: opts.cooldown ? durationMs('--cooldown', opts.cooldown) : 0,
    commonFlags: common,
    ...(opts.racing === false ? { racing: false } : {}),
    ...(opts.profileEnd ? { profileEnd: true } : {}),
  };
}

async function candidatesFrom(io: CliIo, engine: Engine, opts: ExploreOptions): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const set = opts.candidates ?? (opts.candidate.length > 0 ? undefined : 'guide');
  try {
    if (set === 'guide') out.push(...guideCandidatesFor(engine.id, {}, cpus().length));
    else if (set === 'presets') out.push(...presetCandidates(engine.id));
    else if (set !== undefined) {
      const text = await readFile(resolve(io.cwd, set), 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(both(T.candidatesUnreadable, { set, reason: err.code ?? err.message }));
      });
      out.push(...parseCandidateFile(engine, text));
    }
    for (const spec of opts.candidate) out.push(parseCandidateLine(engine, spec));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(errorText(err as Error));
  }
  if (out.length < 2) throw new UsageError(both(T.tooFewCandidates));
  return out;
}

function budgetFrom(opts: ExploreOptions): Budget {
  const wallMs = opts.budget ? durationMs('--budget', opts.budget) : undefined;
  const maxRounds =
    opts.maxRounds !== undefined
      ? intOption('--max-rounds', opts.maxRounds, 1)
      : wallMs
        ? undefined
        : DEFAULT_ROUNDS;
  return { ...(wallMs ? { wallMs } : {}), ...(maxRounds !== undefined ? { maxRounds } : {}) };
}

function resumeBudget(opts: ExploreOptions): Budget | undefined {
  return opts.budget || opts.maxRounds ? budgetFrom(opts) : undefined;
}

function intOption(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(both(T.wholeNumber, { option: name, min, value: text }));
  return n;
}

/** `90`, `90s`, `10m`, `1h`, `500ms` → milliseconds. */
export function durationMs(name: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(both(T.duration, { option: name, value: text }));
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000;
  const ms = Math.round(Number(m[1]) * factor);
  if (!(ms > 0)) throw new UsageError(both(T.durationZero, { option: name, value: text }));
  return ms;
}

function localArch(): string {
  const a = hostArch();
  return a === 'x64' ? 'x86_64' : a === 'arm64' ? 'aarch64' : a;
}

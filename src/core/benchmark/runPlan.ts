/**
 * A run planned once: the engine's validation against what is known of the target and the model,
 * the argv, the command as a person would paste it, and the files that travel. The panel's preview,
 * the extension's run service, `runBenchmark` (the record) and the CLI all read the same plan, so
 * what the preview warns about is what the run is checked against, and the log line, the preview
 * and the record show one quoted command.
 */
import type { Engine, FlagSet, ModelFacts, TargetTraits, ToolInvocation, ValidationIssue } from '../engine';
import type { TargetFacts } from '../runners/targetFacts';
import type { TransferSpec } from '../runners/runner';
import { shellJoin } from '../shellQuote';

export interface RunPlan {
  /** Every issue the engine's rules found (errors and warnings). */
  problems: ValidationIssue[];
  /** An error among the problems: the run must not start. */
  blocked: boolean;
  /** Program, arguments before the model (a runner script), then the engine's arguments. */
  argv: string[];
  /** `argv` quoted for a POSIX shell: the preview, the log line and the record all show this. */
  displayCommand: string;
  /** Files that travel to the target; `argIndex` counts in `argv.slice(1)` (the runner's args). */
  transfers: TransferSpec[];
}

export interface PlanOptions {
  /** What starts the engine; default its program's plain name (`load_and_run`, `node`). */
  tool?: ToolInvocation;
  /** What is known of the model file (an embedded test case). */
  modelFacts?: ModelFacts;
}

export function planRun(
  engine: Engine,
  model: string,
  flags: FlagSet,
  traits?: TargetTraits,
  opts: PlanOptions = {},
): RunPlan {
  const problems = engine.validate(flags, {
    ...(traits ? { target: traits } : {}),
    ...(opts.modelFacts ? { model: opts.modelFacts } : {}),
  });
  const tool = opts.tool ?? defaultTool(engine);
  const engineArgs = engine.buildArgs({ model, flags });
  const argv = [tool.program, ...tool.argsPrefix, ...engineArgs];
  const shift = tool.argsPrefix.length;
  return {
    problems,
    blocked: problems.some((p) => p.severity === 'error'),
    argv,
    displayCommand: shellJoin(argv),
    transfers: engine.transferSpecs(engineArgs).map((t) => ({ ...t, argIndex: t.argIndex + shift })),
  };
}

/** A command to show when nothing is configured yet: the binary's name, or `node` for a runner. */
export function defaultTool(engine: Engine): ToolInvocation {
  return {
    program: engine.program.kind === 'binary' ? engine.program.name : 'node',
    argsPrefix: [],
    env: {},
  };
}

/**
 * What validation may assume about a target, from what a check learned. One rule for every caller:
 * nothing when the target was not reached; its arch, and the flags its binary lists, when it was
 * (a reachable target whose binary failed still has a known arch).
 */
export function traitsOf(facts: TargetFacts | undefined): TargetTraits | undefined {
  if (!facts?.reachable) return undefined;
  return {
    ...(facts.arch ? { arch: facts.arch } : {}),
    ...(facts.supportedFlags ? { supportedFlags: facts.supportedFlags } : {}),
  };
}

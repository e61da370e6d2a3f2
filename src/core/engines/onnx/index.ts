/**
 * The ONNX Runtime engine: its catalogue, validation, command line and output parser behind the
 * `Engine` contract, plus where its runner program lives and how to start it. Unlike
 * load_and_run, the "tool" is our own script (`dist/ort-runner.js`) run by a Node: the extension
 * host's own (`process.execPath`, Electron in VS Code desktop, hence `ELECTRON_RUN_AS_NODE=1`)
 * or `node` for the CLI. Assembled from the modules beside it; no behaviour of its own.
 */
import { ITERATION_ADVICE } from '../iterationAdvice';
import { readableOrtLog } from './readableLog';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine, ExitDescription, OutputParser, RunEnd } from '../../engine';
import { transferSpecsFor } from '../../benchmark/transferSpecs';
import { namedInputSyntax } from '../inputRows';
import { ORT_CATALOG } from './catalog';
import { buildOrtArgs, parseOrtArgv, parseOrtCommandLine } from './commandLine';
import { describeOrtExit } from './exitReason';
import { OrtOutputParser } from './outputParser';
import { ortProfile } from './profileReader';
import { ortStudy } from './studyCandidates';
import { validateOrtFlags } from './validate';

export const ORT_MODEL_EXTENSIONS = ['.onnx'];

export const ortEngine: Engine = {
  id: 'onnxruntime',
  displayName: 'ONNX Runtime',
  modelExtensions: ORT_MODEL_EXTENSIONS,
  modelContext: 'model-onnx',
  exampleCommand: 'node ort-runner.js model.onnx --graph-optimization-level all --iter 50',
  cliExamples: ['model.onnx --save -- --graph-optimization-level all --iter 50'],
  catalog: ORT_CATALOG,
  // A board has neither Node nor onnxruntime-node: the runner runs on this machine only.
  capabilities: { localOnly: true, supportsProfile: true, randomInputs: true, totalScope: 'runner' },
  program: {
    kind: 'embedded',
    bundled: (distDir) => ortRunnerProgram(distDir),
    fromSource: (repoRoot) => ortRunnerFromSource(repoRoot),
  },
  presets: [],
  recipes: [],
  inputs: namedInputSyntax('input', ['npy', 'json']),
  validate: (flags, context = {}) => validateOrtFlags(flags, context.target),
  buildArgs: (spec) => buildOrtArgs(spec),
  parseCommandLine: (line) => parseOrtCommandLine(line),
  parseArgs: (args) => {
    const parsed = parseOrtArgv(args);
    const problems = [...parsed.problems];
    if (parsed.model !== null)
      problems.push(`unexpected argument "${parsed.model}" among the flags: the model goes before "--"`);
    return { model: null, flags: parsed.flags, unknown: parsed.unknown, problems };
  },
  // The runner is local only, but outputs (--profile, the optimised model) are still placed by the runner.
  transferSpecs: (args) => transferSpecsFor(ORT_CATALOG, args),
  createParser: () => new OrtOutputParser(),
  iterationAdvice: ITERATION_ADVICE.onnxruntime,
  readableLog: (onText) => readableOrtLog(onText),
  describeExit: (end, parser) => describeOrtEnd(end, parser),
  study: ortStudy,
  profile: ortProfile,
};

function describeOrtEnd(end: RunEnd, parser: OutputParser): ExitDescription {
  const code = parser instanceof OrtOutputParser ? parser.errorCode : null;
  return describeOrtExit(end, parser.result(), code);
}

/** How to start the runner: `program ...argsPrefix MODEL --flags`, with `env` added. */
export interface OrtRunnerInvocation {
  program: string;
  argsPrefix: string[];
  env: Record<string, string>;
}

/**
 * The bundled runner in `distDir` (the extension's or the repo's `dist/`), run by `execPath`.
 * onnxruntime-node is resolved from `node_modules` beside `dist/`.
 */
export function ortRunnerProgram(distDir: string, execPath: string = process.execPath): OrtRunnerInvocation {
  return {
    program: execPath,
    argsPrefix: [join(distDir, 'ort-runner.js')],
    // Makes Electron (VS Code desktop's execPath) behave as plain Node; plain Node ignores it.
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

/** The runner from TypeScript source via tsx (tests and benchmarks in the repo, no build needed). */
export function ortRunnerFromSource(
  repoRoot: string,
  execPath: string = process.execPath,
): OrtRunnerInvocation {
  return {
    program: execPath,
    // tsx by absolute URL: `--import tsx` would resolve from the run's cwd, not from the repo.
    argsPrefix: [
      '--import',
      pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href,
      join(repoRoot, 'src', 'core', 'engines', 'onnx', 'ortRunnerProgram.ts'),
    ],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

export { ORT_CATALOG } from './catalog';
export { buildOrtArgs, ortDisplayCommand, parseOrtCommandLine } from './commandLine';
export { describeOrtExit } from './exitReason';
export { OrtOutputParser } from './outputParser';
export { OrtProfileReader, type OrtProfileOptions } from './profileReader';
export { onnxGuideCandidates } from './studyCandidates';
export { validateOrtFlags } from './validate';

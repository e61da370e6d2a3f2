/**
 * The ONNX Runtime engine: its catalogue, validation, command line and output parser behind the
 * `Engine` contract, plus where its runner program lives and how to start it. Unlike
 * load_and_run, the "tool" is our own script (`dist/ort-runner.js`) run by a Node: the extension
 * host's own (`process.execPath`, Electron in VS Code desktop, hence `ELECTRON_RUN_AS_NODE=1`)
 * or `node` for the CLI. Assembled from the modules beside it; no behaviour of its own.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../../engine';
import { ORT_CATALOG } from './catalog';
import { buildOrtArgs, parseOrtCommandLine } from './commandLine';
import { OrtOutputParser } from './outputParser';
import { validateOrtFlags } from './validate';

export const ORT_MODEL_EXTENSIONS = ['.onnx'];

export const ortEngine: Engine = {
  id: 'onnxruntime',
  displayName: 'ONNX Runtime',
  modelExtensions: ORT_MODEL_EXTENSIONS,
  catalog: ORT_CATALOG,
  validate: (flags, target) => validateOrtFlags(flags, target),
  buildArgs: (spec) => buildOrtArgs(spec),
  parseCommandLine: (line) => parseOrtCommandLine(line),
  createParser: () => new OrtOutputParser(),
};

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
export { validateOrtFlags } from './validate';

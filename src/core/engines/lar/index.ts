/**
 * The load_and_run engine: its flag catalogue, validation, command builder and output parser put
 * together behind the `Engine` contract. Everything here is assembled from the modules beside it;
 * this file adds no behaviour of its own.
 */
import type { Engine, ExitDescription, OutputParser, RunEnd } from '../../engine';
import { transferSpecsFor } from '../../benchmark/transferSpecs';
import { LAR_CATALOG } from './catalog';
import { buildLarArgs, parseLarArgv, parseLarCommandLine } from './commandLine';
import { describeExit } from './exitReason';
import { parseLarHelp } from './helpParser';
import { namedInputSyntax } from '../inputRows';
import { larListFiles } from './inputSpec';
import { LarOutputParser, type LarPhase } from './outputParser';
import { ITERATION_ADVICE } from '../iterationAdvice';
import { larProfile } from './profileReader';
import { LAR_PRESETS, LAR_RECIPES, recipesBlockedFor } from './recipes';
import { larStudy } from './studyCandidates';
import { validateLarRun } from './validate';

/** Graph dumps (`.mge`, `.mgb`) and models for the `--mdl` interface (`.mdl`). */
export const LAR_MODEL_EXTENSIONS = ['.mge', '.mgb', '.mdl'];

export const larEngine: Engine = {
  id: 'load_and_run',
  displayName: 'MegEngine load_and_run',
  modelExtensions: LAR_MODEL_EXTENSIONS,
  modelContext: 'model',
  exampleCommand: 'load_and_run model.mge --fast-run --iter 20',
  cliExamples: [
    'model.mge -- --cpu --iter 20',
    'model.mge --save --label fast-run -- --cpu --fast-run --fast-run-algo-policy algo.cache',
    'model.mge --target board1 --lar /opt/mge/load_and_run -- --cpu --iter 50',
  ],
  catalog: LAR_CATALOG,
  capabilities: { localOnly: false, supportsProfile: true, randomInputs: false, totalScope: 'testcases' },
  program: { kind: 'binary', name: 'load_and_run' },
  presets: LAR_PRESETS,
  recipes: LAR_RECIPES,
  // data_parser.cpp reads .npy, .json and .ppm/.pgm images.
  inputs: namedInputSyntax('input', ['npy', 'json', 'ppm', 'pgm']),
  validate: (flags, context = {}) =>
    validateLarRun(flags, {
      ...(context.target ? { target: context.target } : {}),
      ...(context.model?.hasTestcase !== undefined ? { modelHasTestcase: context.model.hasTestcase } : {}),
    }),
  buildArgs: (spec) => buildLarArgs(spec),
  parseCommandLine: (line) => parseLarCommandLine(line),
  parseArgs: (args) => {
    const parsed = parseLarArgv(args);
    // A flag missing its value is explained once, not also as an unknown flag.
    const valueless = new Set(parsed.problems.map((p) => /^(--\S+) is missing its value/.exec(p)?.[1]));
    parsed.unknown = parsed.unknown.filter((w) => !valueless.has(w));
    // Words after `--` are flags only: a bare word is a misplaced model, not this run's model.
    if (parsed.model !== null)
      parsed.problems.push(
        `unexpected argument "${parsed.model}" among the flags: the model goes before "--"`,
      );
    return { ...parsed, model: null };
  },
  transferSpecs: (args) => transferSpecsFor(LAR_CATALOG, args, larListFiles),
  createParser: () => new LarOutputParser(),
  helpFlags: (helpText) => parseLarHelp(helpText).flags,
  modelFacts: (head) => ({ hasTestcase: startsWith(head, TESTCASE_MAGIC) }),
  recipesBlocked: (model) => recipesBlockedFor(model),
  iterationAdvice: ITERATION_ADVICE.load_and_run,
  describeExit: (end, parser) => describeLarEnd(end, parser),
  study: larStudy,
  profile: larProfile,
};

/**
 * A dump packed with its test case starts with this magic; the bare graph starts with its size and
 * `mgv2` (seen on every model in the reference set: mnist_real.mge vs mnist_real_notest.mge).
 */
const TESTCASE_MAGIC = new TextEncoder().encode('mgbtest0');

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function describeLarEnd(end: RunEnd, parser: OutputParser): ExitDescription {
  const phase = parser instanceof LarOutputParser ? parser.phase() : undefined;
  const { status, reason } = describeExit(end.exitCode, end.signal, parser.result(), phase as LarPhase);
  // The tool's own messages are English; there is no translation to give, so both read the same.
  return { status, reason: { en: reason, zh: reason } };
}

/**
 * The engine contract: what every inference tool we drive (load_and_run, ONNX Runtime) provides.
 * An engine is data (its flag catalogue) plus pure functions (validate, build argv, parse output).
 * Nothing here starts a process or touches the file system; runners and the store do that.
 */

import type { OperatorProfile } from './profile/operatorProfile';
import type { TransferSpec } from './runners/runner';
import type { Candidate } from './studyCandidate';

/** A text in both languages the UI speaks. */
export interface LocalizedText {
  en: string;
  zh: string;
}

export type FlagKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'path' | 'enum';

/**
 * How a flag's file value travels for a remote target:
 * - `in`: a local file that must be uploaded before the run (model dump, --input data, algo cache to read);
 * - `out`: a file the tool writes that must be downloaded after the run (--profile JSON, dumps);
 * - `inout`: read when present and (re)written (the fast-run algo cache with a search flag);
 * - `outdir`: a directory the tool fills.
 */
export type FileTravel = 'in' | 'out' | 'inout' | 'outdir';

export interface FlagSpec {
  /** Canonical name without dashes, dash-separated as the docs spell it: `fast-run`. */
  name: string;
  group: string;
  kind: FlagKind;
  /** Default as the tool reports it; undefined when the flag has none worth showing. */
  default?: boolean | number | string;
  /** Allowed values for `enum` flags. */
  values?: string[];
  description: LocalizedText;
  /** Where the guide says this flag helps (e.g. "Arm CPU fp32/int8"); shown next to the toggle. */
  platformHint?: LocalizedText;
  /** Platforms the hint is about, machine-readable: 'arm', 'x86', 'cuda'. */
  platforms?: Array<'arm' | 'x86' | 'cuda'>;
  file?: FileTravel;
  /** Inclusive integer/float bounds. */
  min?: number;
  max?: number;
  /** Rarely useful when benchmarking (debug, packing); the UI folds these away. */
  advanced?: boolean;
}

export interface FlagGroup {
  id: string;
  label: LocalizedText;
}

export interface FlagCatalog {
  engine: EngineId;
  groups: FlagGroup[];
  flags: FlagSpec[];
}

/** A flag value as chosen by a user: `true` for a set boolean; strings/numbers otherwise. */
export type FlagValue = boolean | number | string;

/** The flags of one run, keyed by canonical flag name; absent means "not given". */
export type FlagSet = Record<string, FlagValue>;

export interface ValidationIssue {
  severity: 'error' | 'warning';
  /** Stable id of the rule, for tests and the UI (e.g. `one-device`). */
  rule: string;
  /** Canonical names of the flags involved. */
  flags: string[];
  message: LocalizedText;
  /** How to fix it. */
  fix: LocalizedText;
}

/** What the target machine is, when known; lets platform hints become warnings. */
export interface TargetTraits {
  arch?: string; // `uname -m`: x86_64, aarch64, armv7l...
  hasCuda?: boolean;
  /** Flags the target's binary accepts (from its --help); undefined = unknown, assume all. */
  supportedFlags?: Set<string>;
}

/**
 * An engine's id, as records store it (`load_and_run`, `onnxruntime`). A plain string: a new engine
 * is a folder under `engines/` and one registry line, and an older build still reads its records.
 */
export type EngineId = string;

// ---------------------------------------------------------------------------------------------
// The parsed-result JSON: a public contract (issue #3). Keep these names.

export interface InferenceSummary {
  meanMs: number;
  sdMs: number;
  minMs: number;
  maxMs: number;
  medianMs: number;
  count: number;
}

export interface IterationTime {
  testcase: number;
  index: number;
  e2eMs: number;
  hostMs: number | null;
  deviceMs: number | null;
}

export interface TestcaseSummary {
  index: number;
  totalMs: number | null;
  meanMs: number | null;
  sdMs: number | null;
  minMs: number | null;
  maxMs: number | null;
}

export interface FittingResult {
  candidates: Array<{ options: string; meanMs: number }>;
  best: string | null;
}

export interface ToolMessage {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface ParsedResult {
  engine: EngineId;
  tool: {
    generation: 'lite' | 'legacy' | 'onnxruntime';
    megbrain: string | null;
    megdnn: string | null;
    version?: string | null;
  };
  complete: boolean;
  phases: {
    loadMs: number | null;
    configMs: number | null;
    warmupMs: number[];
    inference: InferenceSummary | null;
  };
  iterations: IterationTime[];
  testcases: TestcaseSummary[];
  totalMs: number | null;
  fitting: FittingResult | null;
  messages: ToolMessage[];
}

/** A streaming output parser: feed chunks as they come, `end()` once, read `result()` anytime. */
export interface OutputParser {
  /** `stream` tells which pipe the chunk came from; parsers must not rely on it being right (merged logs). */
  push(chunk: string, stream?: 'stdout' | 'stderr'): void;
  /** Call when the process has ended; flushes any unterminated line. */
  end(): void;
  result(): ParsedResult;
  /**
   * For writers that stream a long run instead of holding every iteration as an object
   * (`lar-explorer parse`): the result with `iterations` left empty, and the iterations visited one
   * by one, in order. Parsers that keep iterations compactly offer them; others need not.
   */
  resultWithoutIterations?(): ParsedResult;
  forEachIteration?(visit: (it: IterationTime) => void): void;
  /** Called for every complete parsed iteration, for live charts. */
  onIteration?: (it: IterationTime) => void;
  /** Where the run is now, in the engine's words (`load`, `warm-up`, `inference`...); progress shows it. */
  phase?(): string;
}

/** What the argv builder needs to know beyond the flags. */
export interface CommandSpec {
  model: string;
  flags: FlagSet;
}

/** A command line read back into model and flags. */
export interface ParsedCommand {
  model: string | null;
  flags: FlagSet;
  /** Arguments we could not place, verbatim and in order (unknown flags, their values, extra words). */
  unknown: string[];
  /** Why the text is not quite a command (unterminated quote, a flag missing its value...). */
  problems: string[];
}

/** How a run ended. Owned here because engines describe it; records store it. */
export type RunStatus = 'ok' | 'failed' | 'cancelled' | 'timeout' | 'partial';

/** How the process ended, as the runner saw it, before the engine reads it. */
export interface RunEnd {
  exitCode: number | null;
  signal: string | null;
  /** `cancelled`/`timeout`: the runner stopped it. */
  ended: 'exited' | 'cancelled' | 'timeout';
}

/** The engine's reading of an ended run: a status and a reason in both languages (empty when ok). */
export interface ExitDescription {
  status: RunStatus;
  reason: LocalizedText;
}

/** What is known of the model file beyond its path (learned elsewhere; engines stay pure). */
export interface ModelFacts {
  /** The dump carries an embedded test case (its inputs). */
  hasTestcase?: boolean;
}

/** Everything validation may look at besides the flags. */
export interface ValidationContext {
  target?: TargetTraits;
  model?: ModelFacts;
}

/** What to start for a run: `program ...argsPrefix MODEL --flags`, with `env` added. */
export interface ToolInvocation {
  program: string;
  argsPrefix: string[];
  env: Record<string, string>;
}

/**
 * How an engine's program is found. `binary`: a tool the user installs (a configured path, else
 * `name` on the target's PATH). `embedded`: a runner program shipped in our `dist/`, run by a Node.
 */
export type EngineProgram =
  | { kind: 'binary'; name: string }
  | {
      kind: 'embedded';
      /** The bundled runner in `distDir` (the extension's or the CLI's `dist/`). */
      bundled(distDir: string): ToolInvocation;
      /** The runner from TypeScript source under tsx (tests and benchmarks in the repo, no build). */
      fromSource(repoRoot: string): ToolInvocation;
    };

export interface EngineCapabilities {
  /** Runs on this machine only (the embedded ONNX Runtime): remote targets are not offered. */
  localOnly: boolean;
  /** Writes a per-operator profile file (`--profile`). */
  supportsProfile: boolean;
  /** Without input data the engine feeds seeded random data in the model's own shapes (ONNX Runtime). */
  randomInputs: boolean;
  /** What the reported total covers: load_and_run's test cases, or the whole run in our runner. */
  totalScope: 'testcases' | 'runner';
}

/** How many timed iterations a comparison needs, and why (measured: `npm run bench:noise`). */
export interface IterationAdvice {
  /** The flag that sets the count (`iter`). */
  flag: string;
  /** Timed iterations recommended. */
  iter: number;
  reason: LocalizedText;
}

/** A chunk-by-chunk translation of the program's output into sentences for a Log pane. */
export interface ReadableLog {
  push(chunk: string): void;
  end(): void;
}

/** One click that adds flags (a single optimisation to compare against the defaults). */
export interface Preset {
  id: string;
  label: LocalizedText;
  flags: FlagSet;
}

export interface RecipeStep {
  label: LocalizedText;
  /** File values may hold `${key}` placeholders of the recipe's `files`. */
  flags: FlagSet;
  /** Which model the step runs: the user's, or the one an earlier step wrote (`files.dumpedModel`). */
  model: 'original' | 'dumped';
  /** What to know before running the step. */
  note?: LocalizedText;
}

/** Several runs in a row where one step's output file is a later step's input. */
export interface Recipe {
  id: string;
  label: LocalizedText;
  platform: 'x86' | 'arm' | 'cuda';
  steps: RecipeStep[];
  /** The files that link the steps: placeholder key → file name suffix after the model's stem. */
  files: Record<string, string>;
}

/** One row of a model's inputs as a person edits it: an input name (may be empty) and a file or shape. */
export interface InputRow {
  name: string;
  value: string;
}

/** How an engine takes input data, when it takes any: one flag whose value lists the rows. */
export interface InputSyntax {
  flag: string;
  /** Data file extensions the flag reads (without dot), for file pickers. */
  fileExtensions: string[];
  /** Rows → the flag's value (empty rows dropped); `''` when none is left. */
  compose(rows: readonly InputRow[]): string;
  /** The flag's value → rows (a pasted command, a re-run). */
  parse(value: string): InputRow[];
}

/** What a study (issue #10) tries for an engine when the user names no candidates. */
export interface EngineStudy {
  /** The guide's options for this target (`cores`: the local CPU count), the baseline among them. */
  guide(traits: TargetTraits, cores?: number): Candidate[];
  /** The one-click set; absent: the defaults, then each of the engine's `presets` against them. */
  presets?(): Candidate[];
}

/** How a profile reader is fed: text chunks in order, then `finish()` once. */
export interface ProfileChunkReader {
  write(chunk: string): void;
  finish(): OperatorProfile;
}

/** How a profile is read beyond its bytes (learned from the run's flags). */
export interface ProfileReadOptions {
  /** Leading runs to leave out (the runner's warm-up runs), where the file holds every run. */
  warmupRuns?: number;
}

/** How an engine's per-operator profile files are recognised and read (`capabilities.supportsProfile`). */
export interface EngineProfile {
  /**
   * The flag that writes the profile (its value is the file): what "Profile this run" and a study's
   * closing profile runs add. Listed first in `flags`.
   */
  flag: string;
  /** Every flag that makes the program profile (and so slows the run): they mark a run as profiled. */
  flags: string[];
  /** True when a file starting with `head` (BOM and leading blanks removed) is this engine's. */
  detect(head: string): boolean;
  createReader(options: ProfileReadOptions): ProfileChunkReader;
  /** The reading options a run's flags imply (its warm-up count); absent: none. */
  readOptions?(flags: FlagSet): ProfileReadOptions;
  /** The file keeps one execution per operator (the last), so there is no spread to show. */
  lastExecutionOnly: boolean;
  /** What the file looks like, for the message when a file is no engine's profile. */
  formatHint: string;
}

export interface Engine {
  id: EngineId;
  displayName: string;
  /** File extensions (lower case, with dot) this engine runs. */
  modelExtensions: string[];
  /** The Models tree's context value for this engine's models (menus match it). */
  modelContext: string;
  /** A command line of this engine, shown as the paste field's placeholder. */
  exampleCommand: string;
  /** Arguments of `lar-explorer run` for this engine's models, for the CLI's help. */
  cliExamples: string[];
  catalog: FlagCatalog;
  capabilities: EngineCapabilities;
  program: EngineProgram;
  presets: Preset[];
  recipes: Recipe[];
  inputs?: InputSyntax;
  validate(flags: FlagSet, context?: ValidationContext): ValidationIssue[];
  /** Arguments after the program: model first, then flags in catalogue order. */
  buildArgs(spec: CommandSpec): string[];
  /** Parse a pasted command line (program name optional) back into model + flags. */
  parseCommandLine(line: string): ParsedCommand;
  /** Parse arguments already split (the CLI's words after `--`): flags only, a model is a problem. */
  parseArgs(args: readonly string[]): ParsedCommand;
  /** Which of the built arguments (model first, no program) name files that travel to a target. */
  transferSpecs(args: readonly string[]): TransferSpec[];
  createParser(): OutputParser;
  /** What the first bytes of a model file tell (an embedded test case); `modelHeadBytes` of them. */
  modelFacts?(head: Uint8Array): ModelFacts;
  /** Why the engine's recipes cannot run on a model with these facts, or null when they can. */
  recipesBlocked?(model: ModelFacts): LocalizedText | null;
  /** The iteration count a comparison needs, shown under its flag. */
  iterationAdvice?: IterationAdvice;
  /** When the program's output is machine lines (our runner's JSON events): sentences for a person. */
  readableLog?(onText: (text: string) => void): ReadableLog;
  /**
   * The flags a build of the program has, from its `--help` text; present when a target check can
   * ask the program (a binary the user installs), absent for a runner we ship.
   */
  helpFlags?(helpText: string): Set<string>;
  /** Status and reason of a run that ended, from its exit and what `parser` (one of ours) read. */
  describeExit(end: RunEnd, parser: OutputParser): ExitDescription;
  /** The candidates a study offers; absent: the defaults, then each preset. */
  study?: EngineStudy;
  /** Its profile files; present when `capabilities.supportsProfile`. */
  profile?: EngineProfile;
}

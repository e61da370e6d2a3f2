/**
 * The engine contract: what every inference tool we drive (load_and_run, ONNX Runtime) provides.
 * An engine is data (its flag catalogue) plus pure functions (validate, build argv, parse output).
 * Nothing here starts a process or touches the file system; runners and the store do that.
 */

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

export type EngineId = 'load_and_run' | 'onnxruntime';

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
  /** Called for every complete parsed iteration, for live charts. */
  onIteration?: (it: IterationTime) => void;
}

/** What the argv builder needs to know beyond the flags. */
export interface CommandSpec {
  model: string;
  flags: FlagSet;
}

export interface Engine {
  id: EngineId;
  displayName: string;
  /** File extensions (lower case, with dot) this engine runs. */
  modelExtensions: string[];
  catalog: FlagCatalog;
  validate(flags: FlagSet, target?: TargetTraits): ValidationIssue[];
  /** Arguments after the program: model first, then flags in catalogue order. */
  buildArgs(spec: CommandSpec): string[];
  /** Parse a pasted command line (program name optional) back into model + flags. */
  parseCommandLine(line: string): { model: string | null; flags: FlagSet; unknown: string[] };
  createParser(): OutputParser;
}

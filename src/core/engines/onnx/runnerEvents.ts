/**
 * The JSON-lines protocol between our ONNX Runtime runner program (`ort-runner.js`, writer) and
 * `OrtOutputParser` (reader): one object per stdout line, discriminated by `event`. All times are
 * milliseconds measured with `process.hrtime.bigint()`. Adding an optional field is compatible;
 * renaming one is not (saved raw logs are re-parsed later).
 */

export const ORT_PROTOCOL_VERSION = 1;

export interface StartEvent {
  event: 'start';
  protocol: number;
  /** onnxruntime-node version, e.g. `1.30.0`. */
  ort: string;
  /** `process.version` of the Node that runs the runner. */
  node: string;
  model: string;
  platform: string;
  arch: string;
  /** Timed and warm-up runs planned, so a reader knows when the output is complete. */
  iter: number;
  warmupIter: number;
  /** The SessionOptions handed to onnxruntime, for the record. */
  sessionOptions: Record<string, unknown>;
  /** Time to load the onnxruntime-node module and its native library. */
  importMs: number;
}

export interface SessionEvent {
  event: 'session';
  /** `InferenceSession.create` of the session that runs the benchmark: read + parse + optimise + initialise. */
  loadMs: number;
  /**
   * With `--optimized-model-path` only: the extra time of saving the optimised model, measured as
   * (creation with the save) − (an identical creation without it), both after the first creation
   * so neither pays one-off start-up costs. An estimate; it can be slightly negative on noise.
   */
  optimizedModelSaveMs?: number;
  sessionWithSaveMs?: number;
  sessionWithoutSaveMs?: number;
  inputs: Array<{ name: string; type?: string; shape?: Array<number | string> }>;
  outputs: Array<{ name: string; type?: string; shape?: Array<number | string> }>;
}

export interface InputsEvent {
  event: 'inputs';
  inputs: Array<{ name: string; type: string; dims: number[]; source: 'random' | 'shape' | 'file' }>;
  notes: string[];
}

export interface RunEvent {
  event: 'warmup' | 'iter';
  index: number;
  ms: number;
}

export interface OutputsEvent {
  event: 'outputs';
  /** Per output of the last run: shape and the mean of its values (a cheap fingerprint to compare runs). */
  outputs: Array<{ name: string; type: string; dims: number[]; mean: number | null }>;
}

export interface ProfileEvent {
  event: 'profile';
  path: string;
}

export interface DoneEvent {
  event: 'done';
  /** From the runner's first line of code to now (session creation, inputs, all runs). */
  totalMs: number;
  /** The runner's own summary of the timed runs (sample standard deviation). */
  iterations: number;
  iterTotalMs: number;
  meanMs: number | null;
  sdMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  /** `process.uptime()` at the end: includes Node's own start-up before the runner's first line. */
  uptimeMs: number;
}

export interface WarningEvent {
  event: 'warning';
  message: string;
}

/** Why a run failed, so the UI can explain it without parsing prose. */
export type OrtErrorCode =
  | 'usage'
  | 'bad-option'
  | 'model-missing'
  | 'model-invalid'
  | 'ort-missing'
  | 'input'
  | 'run-failed'
  | 'internal';

export interface ErrorEvent {
  event: 'error';
  code: OrtErrorCode;
  message: string;
}

export type OrtRunnerEvent =
  | StartEvent
  | SessionEvent
  | InputsEvent
  | RunEvent
  | OutputsEvent
  | ProfileEvent
  | DoneEvent
  | WarningEvent
  | ErrorEvent;

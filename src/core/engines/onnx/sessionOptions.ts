/**
 * Turns a validated ONNX Runtime flag set into what the runner program needs: the
 * `InferenceSession.SessionOptions` object for onnxruntime-node, and the run plan (iterations,
 * warm-up, inputs, files to write). Pure; the runner does the I/O.
 *
 * Note: onnxruntime-node 1.30's native binding does not read `freeDimensionOverrides` (only the
 * WebAssembly backend does), so the override sizes reach ONNX Runtime through the input tensors'
 * shapes instead; we still pass the option so a binding that supports it also uses it.
 */
import { ONNX_DEFAULT_ITER } from '../iterationAdvice';
import type { FlagSet } from '../../engine';
import { ORT_LOG_LEVELS } from './catalog';
import { parseFreeDimensionOverride, parseInputSpec, type InputEntry } from './inputSpec';

/** The subset of onnxruntime-common's `InferenceSession.SessionOptions` we set (kept structural, so core needs no ORT import). */
export interface OrtSessionOptions {
  executionProviders: string[];
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'layout' | 'all';
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  executionMode?: 'sequential' | 'parallel';
  enableCpuMemArena?: boolean;
  enableMemPattern?: boolean;
  freeDimensionOverrides?: Record<string, number>;
  optimizedModelFilePath?: string;
  enableProfiling?: boolean;
  profileFilePrefix?: string;
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}

export interface OrtRunPlan {
  /** Options of the session that runs the benchmark (no optimised-model save: that is measured apart). */
  sessionOptions: OrtSessionOptions;
  optimizedModelPath: string | null;
  profilePath: string | null;
  iter: number;
  warmupIter: number;
  seed: number;
  inputEntries: InputEntry[];
  freeDims: Record<string, number>;
}

export function planOrtRun(flags: FlagSet): OrtRunPlan {
  const o: OrtSessionOptions = { executionProviders: ['cpu'] };
  const level = flags['graph-optimization-level'];
  if (typeof level === 'string')
    o.graphOptimizationLevel = level as OrtSessionOptions['graphOptimizationLevel'];
  const intra = flags['intra-op-threads'];
  if (typeof intra === 'number' && intra > 0) o.intraOpNumThreads = intra;
  const inter = flags['inter-op-threads'];
  if (typeof inter === 'number' && inter > 0) o.interOpNumThreads = inter;
  const mode = flags['execution-mode'];
  if (mode === 'sequential' || mode === 'parallel') o.executionMode = mode;
  if (flags['disable-cpu-mem-arena'] === true) o.enableCpuMemArena = false;
  if (flags['disable-mem-pattern'] === true) o.enableMemPattern = false;
  const logLevel = ORT_LOG_LEVELS.indexOf(flags['log-level'] as (typeof ORT_LOG_LEVELS)[number]);
  if (logLevel >= 0) o.logSeverityLevel = logLevel as OrtSessionOptions['logSeverityLevel'];

  const freeDims =
    typeof flags['free-dimension-override'] === 'string'
      ? parseFreeDimensionOverride(flags['free-dimension-override']).dims
      : {};
  if (Object.keys(freeDims).length > 0) o.freeDimensionOverrides = freeDims;

  const profilePath = nonEmpty(flags['profile']);
  if (profilePath) {
    o.enableProfiling = true;
    // ONNX Runtime appends `_<date>.json` to the prefix; the runner renames the file to `profilePath`.
    o.profileFilePrefix = profilePath.replace(/\.json$/i, '') + '.ort-profile';
  }

  return {
    sessionOptions: o,
    optimizedModelPath: nonEmpty(flags['optimized-model-path']),
    profilePath,
    iter: typeof flags['iter'] === 'number' ? flags['iter'] : ONNX_DEFAULT_ITER,
    warmupIter: typeof flags['warmup-iter'] === 'number' ? flags['warmup-iter'] : 1,
    seed: typeof flags['seed'] === 'number' ? flags['seed'] : 0,
    inputEntries: typeof flags['input'] === 'string' ? parseInputSpec(flags['input']).entries : [],
    freeDims,
  };
}

function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

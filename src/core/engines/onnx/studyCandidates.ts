/**
 * ONNX Runtime's study candidates for `Engine.study`: the session options that matter for speed
 * (optimisation level × intra-op threads × execution mode), the equivalent of load_and_run's guide set.
 */
import type { EngineStudy, FlagSet } from '../../engine';
import type { Candidate } from '../../studyCandidate';

/** ONNX Runtime's equivalent: optimisation level × intra-op threads × execution mode. */
export function onnxGuideCandidates(cores = 2): Candidate[] {
  const threads = Math.max(2, Math.min(cores, 8));
  const g = (label: string, flags: FlagSet): Candidate => ({ label, flags, source: 'guide' });
  return [
    g('all-1t', { 'graph-optimization-level': 'all', 'intra-op-threads': 1 }),
    g('disabled-1t', { 'graph-optimization-level': 'disabled', 'intra-op-threads': 1 }),
    g('basic-1t', { 'graph-optimization-level': 'basic', 'intra-op-threads': 1 }),
    g('extended-1t', { 'graph-optimization-level': 'extended', 'intra-op-threads': 1 }),
    g(`all-${threads}t`, { 'graph-optimization-level': 'all', 'intra-op-threads': threads }),
    g(`all-${threads}t-parallel`, {
      'graph-optimization-level': 'all',
      'intra-op-threads': threads,
      'execution-mode': 'parallel',
    }),
  ];
}

/** The optimisation levels, one candidate each: the engine has no other one-click options. */
function levelCandidates(): Candidate[] {
  return ['disabled', 'basic', 'extended', 'all'].map((level) => ({
    label: level,
    flags: { 'graph-optimization-level': level },
    source: 'preset' as const,
  }));
}

export const ortStudy: EngineStudy = {
  guide: (_traits, cores) => onnxGuideCandidates(cores),
  presets: levelCandidates,
};

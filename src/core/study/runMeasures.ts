/**
 * What one finished run contributes to a study: its statistic per the objective, its inference
 * mean and its one-time cost (load + configuration + warm-ups), all in ms. A run that did not end
 * `ok`, or printed no inference summary, contributes nothing (null).
 */
import type { ParsedResult } from '../engine';
import { percentile } from '../stats';
import type { RunRecord } from '../records/runRecord';
import { StudyDefinitionError } from './studyDefinitionError';
import type { Objective } from './studyTypes';

export interface RunMeasures {
  /** The objective's statistic, ms (lower is better). */
  value: number;
  meanMs: number;
  /** Load + configuration + warm-ups, ms (0 for the parts the tool did not print). */
  oneTimeMs: number;
}

export function measureRun(record: RunRecord, objective: Objective): RunMeasures | null {
  if (record.status !== 'ok' || !record.result) return null;
  const { phases, iterations } = record.result;
  const inference = phases.inference;
  if (!inference || !(inference.meanMs > 0)) return null;
  const oneTimeMs =
    (phases.loadMs ?? 0) +
    (phases.configMs ?? 0) +
    phases.warmupMs.filter((w) => Number.isFinite(w)).reduce((a, b) => a + b, 0);
  const value = objectiveValue(objective, inference.meanMs, inference.medianMs, iterations, oneTimeMs);
  if (!(value > 0) || !Number.isFinite(value)) return null;
  return { value, meanMs: inference.meanMs, oneTimeMs };
}

function objectiveValue(
  objective: Objective,
  meanMs: number,
  medianMs: number,
  iterations: ParsedResult['iterations'],
  oneTimeMs: number,
): number {
  switch (objective.kind) {
    case 'mean':
      return meanMs;
    case 'median':
      return Number.isFinite(medianMs) && medianMs > 0 ? medianMs : meanMs;
    case 'p90': {
      const times = iterations.map((i) => i.e2eMs).filter((t) => Number.isFinite(t));
      return times.length > 0 ? percentile(times, 90) : meanMs;
    }
    case 'cost':
      return oneTimeMs + objective.inferences * meanMs;
  }
}

export function describeObjective(objective: Objective): string {
  return objective.kind === 'cost' ? `cost:${objective.inferences}` : objective.kind;
}

/** `mean|median|p90|cost:N` → Objective; throws with the accepted spellings. */
export function parseObjective(text: string): Objective {
  if (text === 'mean' || text === 'median' || text === 'p90') return { kind: text };
  const m = /^cost:(\d+)$/.exec(text);
  if (m && Number(m[1]) > 0) return { kind: 'cost', inferences: Number(m[1]) };
  throw new StudyDefinitionError(
    `objective is mean, median, p90 or cost:N with N > 0 inferences (got "${text}")`,
    `优化目标只能是 mean、median、p90 或 cost:N（N > 0 次推理）（收到的是“${text}”）`,
  );
}

/**
 * Run a study: screen the candidates per target, prepare artifacts, then rounds of shuffled runs
 * (the baseline twice), statistics after every round, racing from round 3, until settled, out of
 * budget, failed or cancelled. The study record is rewritten after every run.
 */
import type { StudyDeps } from './studyDeps';
import type { StudyDefinition, StudyRecord } from './studyTypes';

export async function runStudy(
  def: StudyDefinition,
  deps: StudyDeps,
  signal?: AbortSignal,
): Promise<StudyRecord> {
  void def;
  void deps;
  void signal;
  throw new Error('runStudy: not implemented yet');
}

/** Continue a study that stopped (cancelled, killed, out of budget) where it stopped. */
export async function resumeStudy(
  idOrPrefix: string,
  deps: StudyDeps,
  signal?: AbortSignal,
  budget?: import('./studyTypes').Budget,
): Promise<StudyRecord> {
  void idOrPrefix;
  void deps;
  void signal;
  void budget;
  throw new Error('resumeStudy: not implemented yet');
}

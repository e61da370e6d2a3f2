/**
 * Resuming a study: the candidates' states as the last ranking left them, and for every slot of the
 * schedule the run record that fills it — the one the study record names, or one saved just before
 * a kill that never reached the study record (adopted by its study tag). Pure: the session acts on it.
 */
import type { RunRecord } from '../records/runRecord';
import type { CandidateState } from './targetJudgement';
import type { Candidate, RankingEntry, ScheduledRun } from './studyTypes';

/** Dropped and failed candidates stay so; the rest are live again. */
export function restoredState(c: Candidate, ranking: RankingEntry[]): CandidateState {
  const prior = ranking.find((r) => r.label === c.label);
  const status = prior?.verdict === 'dropped' || prior?.verdict === 'failed' ? prior.verdict : 'live';
  return {
    label: c.label,
    flags: c.flags,
    status,
    preparationMs: 0,
    ...(prior?.reason ? { reason: prior.reason } : {}),
    ...(prior?.command ? { command: prior.command } : {}),
  };
}

/** The run record that fills a slot on `target`, if any (a cancelled one only when nothing better exists). */
export function recordForSlot(
  slot: ScheduledRun,
  target: string,
  known: Map<string, RunRecord>,
): RunRecord | undefined {
  const named = slot.runId ? known.get(slot.runId) : undefined;
  if (named && named.status !== 'cancelled') return named;
  const adopted = [...known.values()].find(
    (r) =>
      r.study?.round === slot.round &&
      r.study.candidate === slot.candidate &&
      (r.study.slot ?? 'only') === slot.slot &&
      r.target === target &&
      r.status !== 'cancelled',
  );
  return adopted ?? named;
}

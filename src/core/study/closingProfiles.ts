/**
 * A study's closing profiles (issue #13 item 5): after the verdict, the baseline and the winner
 * run once more each with the engine's profiling flag, and the diff of their profiles says where
 * the winner's gain comes from. Profiling slows every operator, so these runs are tagged `profile`,
 * stay out of the schedule and never reach the verdict statistics (the ranking is final by now).
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FlagSet } from '../engine';
import { diffProfiles, type DiffContribution } from '../profile/profileDiff';
import { readProfileFile } from '../profile/readProfile';
import { profilePathOf, profileReadOptionsOf } from '../profile/recordProfile';
import type { RunRecord } from '../records/runRecord';
import type { StudyRunRequest } from './studyDeps';
import type { RankingEntry, StudyRecord, TargetOutcome } from './studyTypes';
import type { StudyLedger } from './targetSession';

/** Contributions and operators kept in the study record (the full diff is a command away). */
const TOP = 5;

export interface ClosingProfileSide {
  candidate: string;
  runId?: string;
  /** The profile file (workspace-relative when inside it); absent when the run wrote none. */
  profile?: string;
  /** Per-run time of all operators in the profile, ms. */
  perRunMs?: number;
}

/** "Where the difference comes from", baseline → winner, in ms per run (negative: the winner is faster). */
export interface ClosingProfileDiff {
  beforeMs: number;
  afterMs: number;
  deltaMs: number;
  ratio: number | null;
  clock: 'device' | 'host';
  /** By operator type (plus inserted/removed), largest |delta| first; they add up to `deltaMs` with `restMs`. */
  contributions: DiffContribution[];
  /** The rest of the contributions beyond the top ones, so the lines add up to the total. */
  restMs: number;
  /** The operators that moved most. */
  operators: Array<{ name: string; type: string; deltaMs: number; shareOfDifference: number | null }>;
}

export interface ClosingProfile {
  status: 'ok' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  reason?: string;
  baseline: ClosingProfileSide;
  winner?: ClosingProfileSide;
  diff?: ClosingProfileDiff;
}

/** The winner of a target: the best candidate called faster than the baseline, if any. */
export function studyWinner(t: Pick<TargetOutcome, 'ranking'>): RankingEntry | undefined {
  return t.ranking.find((e) => e.verdict === 'faster');
}

/** Profile the baseline and the winner of every target that settled or ran out of budget. */
export async function runClosingProfiles(
  ledger: StudyLedger,
  flagsFor: (target: string, candidate: string) => { model: string; flags: FlagSet } | null,
): Promise<void> {
  const { record, deps } = ledger;
  const flag = deps.engine.profile?.flag;
  await Promise.all(
    record.targets.map(async (t) => {
      if (ledger.signal.aborted || t.stoppedBecause === 'cancelled') return;
      const baseline: ClosingProfileSide = { candidate: record.definition.baseline };
      const win = studyWinner(t);
      if (!flag)
        return setProfile(t, { status: 'skipped', reason: 'the engine writes no profiles', baseline });
      if (t.stoppedBecause === 'failed')
        return setProfile(t, { status: 'skipped', reason: 'the study failed on this target', baseline });
      if (!win)
        return setProfile(t, {
          status: 'skipped',
          reason: 'no candidate beats the baseline beyond noise: there is no winner to explain',
          baseline,
        });
      const winner: ClosingProfileSide = { candidate: win.label };
      const runs = new Map<ClosingProfileSide, RunRecord>();
      deps.onEvent?.({
        type: 'closing-profile-started',
        target: t.name,
        candidates: [baseline.candidate, win.label],
      });
      const dir = join(ledger.artifactDir, 'profiles', safe(t.name));
      await mkdir(dir, { recursive: true });
      for (const [side, role] of [
        [baseline, 'baseline'],
        [winner, 'winner'],
      ] as const) {
        if (ledger.signal.aborted) break;
        const setup = flagsFor(t.name, side.candidate);
        if (!setup) continue;
        const file = join(dir, `${role}.json`);
        const req: StudyRunRequest = {
          studyId: record.id,
          target: t.name,
          round: t.roundsDone,
          candidate: side.candidate,
          role: 'profile',
          model: setup.model,
          flags: { ...setup.flags, [flag]: file },
          label: `${side.candidate} · profiled (${role})`,
          collectFacts: false,
        };
        const run = await ledger.keep(req, await ledger.execute(req, ledger.signal));
        side.runId = run.id;
        runs.set(side, run);
        const path = profilePathOf(run, deps.workspaceRoot);
        if (run.status === 'ok' && path) side.profile = workspacePath(path, deps.workspaceRoot);
      }
      setProfile(t, await diffSides(ledger, t, runs, baseline, winner));
      deps.onEvent?.({ type: 'closing-profile-finished', target: t.name, profile: t.closingProfile! });
      await ledger.save();
    }),
  );
}

async function diffSides(
  ledger: StudyLedger,
  t: TargetOutcome,
  runs: Map<ClosingProfileSide, RunRecord>,
  baseline: ClosingProfileSide,
  winner: ClosingProfileSide,
): Promise<ClosingProfile> {
  if (ledger.signal.aborted) return { status: 'skipped', reason: 'cancelled', baseline, winner };
  const missing = [baseline, winner].filter((s) => !s.profile).map((s) => s.candidate);
  if (missing.length > 0)
    return {
      status: 'failed',
      reason: `no profile came back from ${missing.join(' and ')} (see the run${missing.length > 1 ? 's' : ''} tagged "profile" on ${t.name})`,
      baseline,
      winner,
    };
  try {
    // The run's flags say how to read its profile (an ONNX Runtime trace's warm-up runs).
    const read = (side: ClosingProfileSide) =>
      readProfileFile(
        resolve(ledger.deps.workspaceRoot, side.profile!),
        profileReadOptionsOf(runs.get(side)!),
      );
    const before = await read(baseline);
    const after = await read(winner);
    baseline.perRunMs = before.perRunMs;
    winner.perRunMs = after.perRunMs;
    const d = diffProfiles(before, after);
    const contributions = d.summary.slice(0, TOP);
    const shown = contributions.reduce((sum, c) => sum + c.deltaMs, 0);
    return {
      status: 'ok',
      baseline,
      winner,
      diff: {
        beforeMs: d.beforeMs,
        afterMs: d.afterMs,
        deltaMs: d.deltaMs,
        ratio: d.ratio,
        clock: before.clock,
        contributions,
        restMs: d.deltaMs - shown,
        operators: d.operators.slice(0, TOP).map((o) => ({
          name: o.name,
          type: o.type,
          deltaMs: o.deltaMs,
          shareOfDifference: o.shareOfDifference,
        })),
      },
    };
  } catch (err) {
    return {
      status: 'failed',
      reason: `the profiles could not be read: ${(err as Error).message}`,
      baseline,
      winner,
    };
  }
}

function setProfile(t: TargetOutcome, p: ClosingProfile): void {
  t.closingProfile = p;
}

/** Inside the workspace: relative with `/` (as run records keep paths); else absolute. */
function workspacePath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._@+-]/g, '_') || '_';
}

/** Run ids of a study's closing profile runs (kept out of every statistic). */
export function closingProfileRunIds(record: Pick<StudyRecord, 'targets'>): string[] {
  return record.targets.flatMap((t) =>
    [t.closingProfile?.baseline.runId, t.closingProfile?.winner?.runId].filter((x): x is string => !!x),
  );
}

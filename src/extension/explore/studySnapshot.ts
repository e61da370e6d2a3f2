/**
 * What the extension knows about one study at a moment: built from a study record on disk, then
 * kept current by the core's study events while it runs. Pure data, no VS Code: the view model
 * and the Models view read it; nothing here judges a candidate (the rankings are the core's).
 */
import type { ClosingProfile } from '../../core/study/closingProfiles';
import type {
  NoiseFloor,
  RankingEntry,
  StopReason,
  StudyDefinition,
  StudyEvent,
  StudyRecord,
} from '../../core/study';

export interface TargetSnapshot {
  name: string;
  round: number;
  ranking: RankingEntry[];
  noiseFloor: NoiseFloor | null;
  etaMs: number | null;
  excluded: Array<{ label: string; reason: string }>;
  /** Each finished run's statistic, in order (the live chart between rounds). */
  runValues: Array<{ candidate: string; value: number | null }>;
  stoppedBecause?: StopReason;
  /** The closing profiles' diff (`profileEnd`); `profiling` while those runs go. */
  closingProfile?: ClosingProfile;
  profiling?: boolean;
}

export interface StudySnapshot {
  id: string;
  definition: StudyDefinition;
  createdAt: string;
  /** Where the record lives (absolute), once known. */
  path?: string;
  phase: 'running' | 'stopping' | 'stopped';
  stoppedBecause?: StopReason;
  targets: TargetSnapshot[];
  /** Why the study could not go on (an error outside any one candidate). */
  error?: string;
}

function emptyTarget(name: string): TargetSnapshot {
  return { name, round: 0, ranking: [], noiseFloor: null, etaMs: null, excluded: [], runValues: [] };
}

export function snapshotOfRecord(
  record: StudyRecord,
  phase: StudySnapshot['phase'] = 'stopped',
): StudySnapshot {
  return {
    id: record.id,
    definition: record.definition,
    createdAt: record.createdAt,
    phase,
    ...(record.stoppedBecause ? { stoppedBecause: record.stoppedBecause } : {}),
    targets: record.definition.targets.map((t) => {
      const out = record.targets.find((x) => x.name === t.name);
      return {
        ...emptyTarget(t.name),
        ...(out
          ? {
              round: out.roundsDone,
              ranking: out.ranking,
              noiseFloor: out.noiseFloor,
              excluded: out.excluded,
              ...(out.stoppedBecause ? { stoppedBecause: out.stoppedBecause } : {}),
              ...(out.closingProfile ? { closingProfile: out.closingProfile } : {}),
            }
          : {}),
        runValues: record.schedule
          .filter((r) => r.target === t.name && r.status !== undefined)
          .map((r) => ({ candidate: r.candidate, value: r.value ?? null })),
      };
    }),
  };
}

/** A study about to start (no id yet): every target empty. */
export function snapshotOfDefinition(id: string, def: StudyDefinition): StudySnapshot {
  return {
    id,
    definition: def,
    createdAt: new Date().toISOString(),
    phase: 'running',
    targets: def.targets.map((t) => emptyTarget(t.name)),
  };
}

/** Fold one event into the snapshot (mutates it; returns whether anything visible changed). */
export function applyStudyEvent(s: StudySnapshot, e: StudyEvent): boolean {
  const target = 'target' in e ? s.targets.find((t) => t.name === e.target) : undefined;
  switch (e.type) {
    case 'study-started':
      s.id = e.studyId;
      s.path = e.path;
      return true;
    case 'candidate-excluded':
      target?.excluded.push({ label: e.candidate, reason: e.reason });
      return true;
    case 'round-started':
      if (target) target.round = Math.max(target.round, e.round);
      return true;
    case 'run-finished':
      target?.runValues.push({ candidate: e.candidate, value: e.value });
      return false;
    case 'ranking-updated':
      if (target) {
        target.round = Math.max(target.round, e.round);
        target.ranking = e.ranking;
        target.noiseFloor = e.noiseFloor;
        target.etaMs = e.etaMs;
      }
      return true;
    case 'closing-profile-started':
      if (target) target.profiling = true;
      return true;
    case 'closing-profile-finished':
      if (target) {
        target.profiling = false;
        target.closingProfile = e.profile;
      }
      return true;
    case 'study-stopped': {
      const next = snapshotOfRecord(e.record);
      Object.assign(s, next, { path: s.path ?? next.path });
      return true;
    }
    default:
      return false;
  }
}

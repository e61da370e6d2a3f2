/**
 * The public shapes of a study (issue #10): what the user asks for (StudyDefinition), what the
 * study reports while it runs (StudyEvent) and what it leaves on disk (StudyRecord). The CLI
 * (`lar-explorer explore`) and the Explore panel both build on these names: keep them stable.
 * Shapes only; the scheduler, the statistics and the store live in their own files.
 */
import type { EngineId, FlagSet, TargetTraits } from '../engine';
import type { DeviceFacts, RunStatus } from '../records/runRecord';
import type { Candidate, PreparedKind } from '../studyCandidate';
import type { ClosingProfile } from './closingProfiles';

export const STUDY_SCHEMA_VERSION = 1;

export type { Candidate, CandidateSource, Preparation, PreparedKind } from '../studyCandidate';

/**
 * What a run is judged by. `cost` is what a short-lived process pays for N inferences:
 * load + configuration + warm-ups + N × mean.
 */
export type Objective =
  { kind: 'mean' } | { kind: 'median' } | { kind: 'p90' } | { kind: 'cost'; inferences: number };

export interface Budget {
  /** Wall time for the whole study (all targets); undefined = no limit. */
  wallMs?: number;
  /** Rounds per target; undefined = no limit (a wall budget is then required). */
  maxRounds?: number;
}

export interface StudyTargetSpec {
  /** `local` or the SSH destination, as run records name targets. */
  name: string;
  /** Arch, flags the binary lacks...: candidates that cannot run there are left out before anything runs. */
  traits?: TargetTraits;
  /** The engine's program on that target (load_and_run path); recorded with prepared artifacts. */
  program?: string;
}

export interface StudyDefinition {
  /** Model path as the user gave it (relative to the workspace). */
  model: string;
  engine: EngineId;
  targets: StudyTargetSpec[];
  /** In the user's order; the baseline is one of them. */
  candidates: Candidate[];
  /** Label of the baseline candidate (default: the first). */
  baseline: string;
  objective: Objective;
  budget: Budget;
  /** Measured iterations and warm-ups per run. */
  iterations: number;
  warmups: number;
  /** Seeds the shuffles: the same seed replays the same order. */
  seed: number;
  /** Pause between runs on one target (boards heat up); 0 = none. */
  cooldownMs: number;
  /** Flags given to every candidate (`-- FLAGS` on the CLI), e.g. `--cpu`. */
  commonFlags: FlagSet;
  /** Drop losers and stop when settled (default true); false runs every candidate for the whole budget. */
  racing?: boolean;
  /**
   * After the verdict, run the baseline and the winner once more each with profiling on and diff
   * their profiles (`TargetOutcome.closingProfile`); those runs stay out of every statistic.
   */
  profileEnd?: boolean;
}

/** Why a study (or one target of it) ended. */
export type StopReason = 'settled' | 'budget' | 'cancelled' | 'failed';

export type Verdict = 'baseline' | 'faster' | 'slower' | 'within-noise' | 'dropped' | 'failed';

/** A ratio (candidate over reference, < 1 is faster) with its 95% interval. */
export interface RatioEstimate {
  ratio: number;
  lo: number;
  hi: number;
  /** Rounds that went into it. */
  rounds: number;
}

/**
 * What run-to-run noise alone does to the ratio of two single runs on this target right now,
 * measured from the A/A pairs (the baseline twice per round): a 95% band around 1.
 */
export interface NoiseFloor {
  lo: number;
  hi: number;
  /** A/A pairs it rests on. */
  pairs: number;
  /** Spread of log(run/run) between identical runs (sd of one pair's log-ratio). */
  sdLog: number;
}

export interface BreakEven {
  /** Inferences in one process after which the candidate is cheaper; 0 = immediately, null = never. */
  inferences: number | null;
  /** The same from the ends of the per-inference gain's interval (null = never). */
  lo: number | null;
  hi: number | null;
  /** One-time cost difference, ms: load + configuration + warm-ups (+ preparation). */
  oneTimeMs: number;
  /** Preparation cost included in `oneTimeMs`, ms (0 without a preparation). */
  preparationMs: number;
  /** Per-inference gain over the baseline, ms (positive = candidate faster): the objective's statistic (mean, median, p90), the mean for a cost objective. */
  gainMs: number;
  gainLoMs: number;
  gainHiMs: number;
}

export interface RankingEntry {
  label: string;
  flags: FlagSet;
  /** Objective ratio to the baseline; null when the candidate has no usable round. */
  estimate: RatioEstimate | null;
  verdict: Verdict;
  /** Rounds with a finished run of this candidate. */
  rounds: number;
  breakEven: BreakEven | null;
  /** Why it was dropped or failed. */
  reason?: string;
  /** Runners-up within noise of the best are reported as equivalent to it. */
  equivalentToBest?: boolean;
  /** The command line of one of its runs, for pasting. */
  command?: string;
}

/** One run slot of the schedule actually run. */
export interface ScheduledRun {
  target: string;
  round: number;
  /** Position in the round's shuffled order. */
  position: number;
  candidate: string;
  /** The baseline runs twice per round: `a` and `b` (the A/A pair). */
  slot: 'a' | 'b' | 'only';
  runId?: string;
  status?: RunStatus;
  /** The run's statistic per the objective, ms. */
  value?: number | null;
  startedAt?: string;
  endedAt?: string;
}

export interface PreparedArtifact {
  target: string;
  candidate: string;
  kind: PreparedKind;
  /** Where the artifact lives locally (workspace-relative when inside it). */
  path: string;
  /** What made it: never reused for another target, binary, model or flag set. */
  key: { target: string; program: string; modelSha256: string | null; flags: FlagSet };
  runId?: string;
  status: 'ok' | 'failed';
  /** Wall time of the preparation run, ms (kept apart from the candidate's runs). */
  costMs: number;
  reason?: string;
}

export interface RoundStatistics {
  round: number;
  /** log(a/b) of the baseline pair; null when one of them failed. */
  aaLogRatio: number | null;
  /** Per candidate, its value over the baseline's of the same round. */
  ratios: Record<string, number>;
}

export interface TargetOutcome {
  name: string;
  roundsDone: number;
  noiseFloor: NoiseFloor | null;
  ranking: RankingEntry[];
  rounds: RoundStatistics[];
  /** Candidates left out before anything ran (invalid, flag missing in the binary). */
  excluded: Array<{ label: string; reason: string }>;
  stoppedBecause?: StopReason;
  device?: { before?: DeviceFacts; after?: DeviceFacts };
  /** Where the winner's gain comes from (`definition.profileEnd`): the diff of two profiled runs. */
  closingProfile?: ClosingProfile;
}

export interface StudyRecord {
  schema: typeof STUDY_SCHEMA_VERSION;
  kind: 'study';
  id: string;
  createdAt: string;
  updatedAt: string;
  tool: string;
  definition: StudyDefinition;
  /** The statistics method, in words, so a reader of the file knows what the intervals mean. */
  method: string;
  schedule: ScheduledRun[];
  preparations: PreparedArtifact[];
  targets: TargetOutcome[];
  /** Absent while running (or after a kill: `resume` continues it). */
  stoppedBecause?: StopReason;
  /** Wall time spent running, ms, summed over sessions (resume adds to it). */
  elapsedMs: number;
  /** Model hash at the start: resume refuses a changed model. */
  modelSha256: string | null;
}

/** Progress, for the CLI's live table and the Explore panel. */
export type StudyEvent =
  | { type: 'study-started'; studyId: string; path: string; resumed: boolean }
  | { type: 'candidate-excluded'; target: string; candidate: string; reason: string }
  | { type: 'preparation-finished'; target: string; artifact: PreparedArtifact }
  | { type: 'round-started'; target: string; round: number; order: string[] }
  | { type: 'run-started'; target: string; round: number; candidate: string; slot: ScheduledRun['slot'] }
  | {
      type: 'run-finished';
      target: string;
      round: number;
      candidate: string;
      slot: ScheduledRun['slot'];
      runId: string;
      status: RunStatus;
      value: number | null;
    }
  | {
      type: 'ranking-updated';
      target: string;
      round: number;
      ranking: RankingEntry[];
      noiseFloor: NoiseFloor | null;
      alive: number;
      /** Rough time to the end of the budget, ms; null when unknown. */
      etaMs: number | null;
    }
  | { type: 'candidate-dropped'; target: string; candidate: string; round: number; reason: string }
  | { type: 'candidate-failed'; target: string; candidate: string; reason: string; runId?: string }
  | { type: 'closing-profile-started'; target: string; candidates: string[] }
  | { type: 'closing-profile-finished'; target: string; profile: ClosingProfile }
  | { type: 'study-stopped'; stoppedBecause: StopReason; record: StudyRecord };

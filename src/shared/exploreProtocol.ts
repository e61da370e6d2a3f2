/**
 * The Explore panel's protocol: one union per direction plus the view models the host sends.
 *
 * The webview → host union is a zod schema and its type is inferred from it (one definition for the
 * runtime check and the type). The webview imports this file with `import type` only, so zod stays
 * out of the browser bundle. Host → webview messages come from the trusted side: plain types, every
 * text already formatted and localized. The webview draws what it gets; the study (rounds, ratios,
 * verdicts, break-even, who wins) is the core's, chosen and formatted by the host.
 */
import * as z from 'zod';
import type { ClosingProfileView } from './exploreClosingProfile';
import type { FlagSet } from '../core/engine';
import type { IssueView, TargetView } from './benchmarkProtocol';
import type { UiStrings } from './protocol';

// ---------------------------------------------------------------------------------------------
// View models (host → webview)

/** A candidate the user can tick: from the guide set, the engine's presets, or typed by the user. */
export interface CandidateChoiceView {
  id: string;
  source: 'guide' | 'preset';
  label: string;
  /** The flags as a command line fragment (`--fast-run --weight-preprocess`, or `default flags`). */
  flagsText: string;
  /** Why this one is worth trying (from the guide), when known. */
  note?: string;
  /** Ticked when the panel opens. */
  checked: boolean;
}

export type ObjectiveId = 'mean' | 'median' | 'p90' | 'cost';

/** What the form starts with: the last setup used for this model, or the defaults. */
export interface ExploreSetupView {
  targetIds: string[];
  objective: ObjectiveId;
  costInferences: number;
  budgetMinutes: number;
  maxRounds: number;
  iterations: number;
  warmups: number;
  cooldownSeconds: number;
  seed: number;
  /** Candidate ids ticked (guide/preset) and custom rows. */
  checked: string[];
  custom: Array<{ label: string; text: string }>;
  baseline: string;
  /** After the verdict, profile the baseline and the winner once more (issue #13 item 5). */
  profileEnd?: boolean;
}

/** What a typed or pasted custom candidate means, as the host reads it. */
export interface CandidateCheckView {
  flagsText: string;
  issues: IssueView[];
  /** Parts of the text that are not flags of this engine. */
  unknown: string[];
}

export type CandidateVerdictView =
  'baseline' | 'faster' | 'slower' | 'within-noise' | 'dropped' | 'failed' | 'pending';

export interface CandidateResultView {
  key: string;
  label: string;
  flagsText: string;
  /** 1-based rank among the live candidates; null for the baseline, dropped and failed ones. */
  rank: number | null;
  /** Geometric-mean ratio to the baseline (below 1 is faster) and its 95% interval. */
  ratio: number | null;
  lo: number | null;
  hi: number | null;
  ratioText: string;
  intervalText: string;
  verdict: CandidateVerdictView;
  verdictText: string;
  rounds: number;
  breakEvenText: string;
  /** Why it was dropped or failed. */
  reason?: string;
}

export interface RecommendationView {
  kind: 'winner' | 'none' | 'pending';
  headline: string;
  /** `×0.82 (95% CI ×0.78–×0.86) · pays off after 1,400 inferences`. */
  detail: string;
  /** The winner's command line, when there is one. */
  command: string;
  /** The winner's candidate key (for Open in Benchmark / Save as preset). */
  candidateKey: string | null;
}

/** Cumulative cost against inferences: straight lines, drawn as given. */
export interface BreakEvenChartView {
  xTitle: string;
  yTitle: string;
  lines: Array<{ label: string; isBaseline: boolean; points: Array<{ x: number; y: number }> }>;
  crossovers: Array<{ label: string; x: number; y: number }>;
}

export interface StudyTargetView {
  /** The closing profiles' diff (`profileEnd`), when the study asked for it. */
  closingProfile?: ClosingProfileView;
  targetId: string;
  label: string;
  /** The A/A band as ratios around 1, e.g. 0.97–1.03; null until two rounds measured it. */
  noiseBand: { lo: number; hi: number } | null;
  noiseText: string;
  candidates: CandidateResultView[];
  recommendation: RecommendationView;
  breakEven: BreakEvenChartView | null;
}

export interface MatrixCellView {
  ratio: number | null;
  text: string;
  verdict: CandidateVerdictView;
  glyph: string;
}

/** Targets × candidates, when the study has two or more targets. */
export interface MatrixView {
  candidates: string[];
  rows: Array<{ target: string; cells: MatrixCellView[] }>;
}

export interface StudyView {
  id: string;
  state: 'running' | 'stopping' | 'stopped' | 'finished' | 'failed';
  stateText: string;
  round: number;
  roundText: string;
  etaText: string;
  canResume: boolean;
  targets: StudyTargetView[];
  matrix: MatrixView | null;
}

export interface ExploreInit {
  type: 'init';
  strings: UiStrings;
  lang: 'en' | 'zh';
  model: { name: string; path: string };
  engine: string;
  targets: TargetView[];
  guide: CandidateChoiceView[];
  presets: CandidateChoiceView[];
  setup: ExploreSetupView;
  /** Why nothing can run now (untrusted workspace, no load_and_run path), else null. */
  gate: string | null;
  study: StudyView | null;
}

export type HostToExplore =
  | ExploreInit
  | { type: 'targets'; targets: TargetView[] }
  | { type: 'gate'; gate: string | null }
  | { type: 'study'; study: StudyView }
  | { type: 'runStarted'; targetId: string; title: string }
  | { type: 'iterations'; targetId: string; points: Array<{ index: number; ms: number }> }
  | { type: 'problem'; message: string };

// ---------------------------------------------------------------------------------------------
// Webview → host: the zod schema is the definition; the type is inferred from it.

const MAX_TEXT = 4096;
const text = z.string().max(MAX_TEXT);
const id = z.string().min(1).max(512);
const requestId = z.number().int().nonnegative();
const count = (max: number) => z.number().int().min(0).max(max);

export const exploreSetupSchema = z.strictObject({
  targetIds: z.array(id).min(1).max(16),
  objective: z.enum(['mean', 'median', 'p90', 'cost']),
  costInferences: z.number().int().min(1).max(1e9),
  budgetMinutes: z
    .number()
    .finite()
    .min(0.1)
    .max(24 * 60),
  maxRounds: z.number().int().min(3).max(1000),
  iterations: z.number().int().min(1).max(100000),
  warmups: count(10000),
  cooldownSeconds: z.number().finite().min(0).max(3600),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  checked: z.array(id).max(64),
  custom: z.array(z.strictObject({ label: z.string().max(100), text })).max(32),
  baseline: id,
  profileEnd: z.boolean().optional(),
});

export type ExploreSetup = z.infer<typeof exploreSetupSchema>;

export const exploreToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('checkCandidate'), requestId, text }),
  z.strictObject({ type: z.literal('start'), setup: exploreSetupSchema }),
  z.strictObject({ type: z.literal('stop') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('copy'), text }),
  z.strictObject({ type: z.literal('openInBenchmark'), targetId: id, candidateKey: id }),
  z.strictObject({ type: z.literal('savePreset'), requestId, targetId: id, candidateKey: id }),
  // The two closing profiled runs of a target, side by side in the Compare panel (its operator diff).
  z.strictObject({ type: z.literal('openProfileDiff'), targetId: id }),
]);

export type ExploreToHost = z.infer<typeof exploreToHostSchema>;

/** What `openInBenchmark` hands to the Benchmark panel. */
export interface ExplorePrefill {
  flags: FlagSet;
  target: string;
}

/** The messages that want an answer, and the answer's type: the webview's `request` is typed by it. */
export interface ExploreReplies {
  checkCandidate: CandidateCheckView;
  savePreset: string;
}

/**
 * The Benchmark panel's protocol: one union per direction plus the view models the host sends.
 *
 * The webview → host union is defined ONCE, as a zod schema, and its TypeScript type is inferred
 * from it, so the runtime check and the type can never drift apart. The webview imports this file
 * with `import type` only: esbuild erases type-only imports, so zod stays out of the browser
 * bundle while both halves still share one definition.
 *
 * The host → webview messages need no runtime check (the host is the trusted side): plain types.
 *
 * One owner of the panel's state: the host keeps the target, the flags and the input rows, and
 * sends them back (`state`, with the evaluation of exactly that state) after every change. The
 * webview sends intents (an edit, a preset, a paste, run) and renders what comes back. Edits carry
 * a sequence number the host echoes, so the webview can drop a state that predates its latest edit.
 */
import * as z from 'zod';
import type { FlagSet, FlagValue, InferenceSummary, ToolMessage } from '../core/engine';
import { profilingIntents, type ProfilingView } from './benchmarkProfiling';
import type { UiStrings } from './protocol';
import type { StaleArtifactsMessage } from './staleArtifacts';

// ---------------------------------------------------------------------------------------------
// View models (host → webview). Everything is already localized; the webview only renders.

export interface FlagView {
  name: string;
  kind: 'bool' | 'int' | 'uint' | 'float' | 'string' | 'path' | 'enum';
  description: string;
  hint?: string;
  values?: string[];
  /** The tool's default, as text, shown as a placeholder. */
  default?: string;
  /** How to set this flag for a trustworthy result, and why (the iteration count's measured noise). */
  advice?: string;
  advanced: boolean;
}

export interface FlagGroupView {
  id: string;
  label: string;
  flags: FlagView[];
}

export interface TargetView {
  id: string;
  label: string;
  /** Where it comes from / what it is: `this machine`, `ssh-config`, the destination. */
  detail: string;
}

export interface PresetView {
  id: string;
  label: string;
  flags: FlagSet;
}

export interface RecipeView {
  id: string;
  label: string;
  steps: Array<{ label: string; note?: string }>;
  /** Why this recipe cannot run on this model (the host refuses it too); absent when it can. */
  disabledReason?: string;
}

export interface InputRow {
  /** Input tensor name; empty means the tool's default (`data`) or a `.json` file's own names. */
  name: string;
  /** A data file (`.npy`, `.json`, `.ppm`, `.pgm`) or a shape/data string (`{1,1,28,28}`). */
  value: string;
}

export interface IssueView {
  severity: 'error' | 'warning';
  flags: string[];
  message: string;
  fix: string;
}

/** Why nothing can run right now, and what would fix it. */
export interface GateView {
  reason: 'untrusted' | 'no-program' | 'no-workspace' | 'no-engine';
  message: string;
  /** A button that helps: grant trust, open the setting. */
  action?: { id: HostAction; label: string };
}

export type HostAction = 'manage-trust' | 'set-lar-path' | 'open-target-settings';

export interface SupportView {
  targetId: string;
  state: 'unknown' | 'checking' | 'known' | 'failed';
  /** Flags this target's binary lacks, with the reason to show next to each. */
  unsupported: Record<string, string>;
  /** One line about the target (version, arch, cores) or why the check failed. */
  note?: string;
}

export interface Evaluation {
  issues: IssueView[];
  /** The exact command that would run, shell-quoted for pasting. */
  command: string;
}

/** What the host made of a pasted command line (its flags arrive in the next `state`). */
export interface PasteNotes {
  unknown: string[];
  problems: string[];
  /** The model the pasted line names, when it is not this panel's. */
  model: string | null;
}

/** The panel's state as the host owns it, with the evaluation of exactly this state. */
export interface PanelState {
  targetId: string;
  /** Every flag except the engine's input flag, which the `inputs` rows compose. */
  flags: FlagSet;
  inputs: InputRow[];
  evaluation: Evaluation;
  /** The sequence number of the last webview edit this state includes (0: none yet). */
  echo: number;
  /**
   * The host changed the flags or rows (a preset, a paste): redraw the forms. False after the
   * webview's own edit (its form shows it already; redrawing would fight the typing) and after a
   * change of target or facts.
   */
  redrawForms: boolean;
  /** "Profile this run" (see `benchmarkProfiling.ts`). */
  profiling: ProfilingView;
}

export interface RunResultView {
  recordId: string;
  status: 'ok' | 'failed' | 'cancelled' | 'timeout' | 'partial';
  reason?: string;
  target: string;
  command: string;
  messages: ToolMessage[];
  phases: {
    loadMs: number | null;
    configMs: number | null;
    warmupMs: number[];
    inference: InferenceSummary | null;
  };
  /** End-to-end time of each timed iteration, in order. */
  iterationsMs: number[];
  totalMs: number | null;
  /** The run brought a per-operator profile back: offer "Show profile". */
  hasProfile?: boolean;
}

export interface BenchmarkInit {
  type: 'init';
  strings: UiStrings;
  lang: 'en' | 'zh';
  model: { name: string; path: string };
  engine: string;
  groups: FlagGroupView[];
  targets: TargetView[];
  presets: PresetView[];
  recipes: RecipeView[];
  /** The engine's input flag (`input`), edited as rows; null when the engine takes no input data. */
  inputFlag: string | null;
  state: PanelState;
  gate: GateView | null;
  support: SupportView | null;
  /** Set when a run of this panel is going (the panel was re-created mid-run). */
  running: boolean;
}

export type HostToBenchmark =
  | BenchmarkInit
  | { type: 'targets'; targets: TargetView[] }
  | { type: 'state'; state: PanelState }
  | { type: 'support'; support: SupportView }
  | { type: 'gate'; gate: GateView | null }
  | { type: 'runStarted'; title: string; command: string; step?: { index: number; total: number } }
  | { type: 'log'; text: string }
  /** Iterations measured since the last message (batched: see RunFeed). */
  | { type: 'iterations'; points: Array<{ index: number; ms: number }> }
  | { type: 'runEnded'; result: RunResultView }
  | { type: 'runProblem'; message: string; issues?: IssueView[]; action?: { id: HostAction; label: string } }
  | StaleArtifactsMessage
  | { type: 'idle' };

// ---------------------------------------------------------------------------------------------
// Webview → host: the zod schema is the definition; the type is inferred from it.

const MAX_TEXT = 16 * 1024;
const text = z.string().max(MAX_TEXT);
const id = z.string().min(1).max(512);
const requestId = z.number().int().nonnegative();
const flagValue: z.ZodType<FlagValue> = z.union([z.boolean(), z.number().finite(), text]);
const flagSet: z.ZodType<FlagSet> = z.record(z.string().min(1).max(100), flagValue);
const inputRow = z.strictObject({ name: z.string().max(256), value: text });

const seq = z.number().int().nonnegative();

export const benchmarkToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  // Edits: the form's flags (without the input flag), or the input rows.
  z.strictObject({ type: z.literal('editFlags'), seq, flags: flagSet }),
  z.strictObject({ type: z.literal('editInputs'), seq, rows: z.array(inputRow).max(64) }),
  z.strictObject({ type: z.literal('applyPreset'), presetId: id }),
  z.strictObject({ type: z.literal('clearFlags') }),
  z.strictObject({ type: z.literal('paste'), requestId, line: text }),
  z.strictObject({ type: z.literal('pickInputFiles') }),
  z.strictObject({ type: z.literal('selectTarget'), targetId: id, recheck: z.boolean().optional() }),
  // Runs take the host's own target and flags: the webview names none.
  z.strictObject({ type: z.literal('run') }),
  z.strictObject({ type: z.literal('runRecipe'), recipeId: id }),
  z.strictObject({ type: z.literal('cancel') }),
  z.strictObject({ type: z.literal('openRecord'), recordId: id }),
  z.strictObject({
    type: z.literal('action'),
    action: z.enum(['manage-trust', 'set-lar-path', 'open-target-settings']),
  }),
  z.strictObject({ type: z.literal('copyCommand') }),
  ...profilingIntents,
]);

export type BenchmarkToHost = z.infer<typeof benchmarkToHostSchema>;

/** The messages that want an answer, and the answer's type: the webview's `request` is typed by it. */
export interface BenchmarkReplies {
  paste: PasteNotes;
}

/**
 * The Compare panel's protocol: one union per direction plus the view model the host sends.
 *
 * The webview → host union is defined once, as a zod schema, and its type is inferred from it, so
 * the runtime check and the type cannot drift apart. The webview imports this file with
 * `import type` only (esbuild erases it), so zod stays out of the browser bundle.
 * Host → webview messages come from the trusted side: plain types. Every text in the view model is
 * already formatted and localized by the host; the webview renders it and decides nothing.
 */
import * as z from 'zod';
import type { ProfileDiffView } from './profileProtocol';
import type { UiStrings } from './protocol';

// ---------------------------------------------------------------------------------------------
// View model (host → webview)

export type CompareVerdictView = 'baseline' | 'faster' | 'slower' | 'no-difference' | 'untested' | 'missing';

export interface CompareRunView {
  id: string;
  /** The run's label, else its flags (`--fast-run`, `default flags`), made unique with the start time. */
  title: string;
  /** `local · 2025-03-04 05:06:07` (with the flags too when the title is a label). */
  subtitle: string;
  status: 'ok' | 'failed' | 'cancelled' | 'timeout' | 'partial';
  statusText: string;
  isBaseline: boolean;
}

export interface CompareCellView {
  runId: string;
  /** `0.097 ms`, or `–` when the run has no value. */
  value: string;
  /** `+0.012 ms` / `−0.005 ms`; empty for the baseline. */
  delta: string;
  /** `×0.83`; empty for the baseline. */
  ratio: string;
  /** `95% CI ×0.78–×0.89`, or a short reason there is none. */
  interval: string;
  verdict: CompareVerdictView;
  /** `faster` / `slower` / `not significant` ... in the display language. */
  verdictText: string;
  /** `p = 0.003` when tested. */
  detail: string;
  highCv: boolean;
  /** The iterations alone call a difference that run-to-run noise could explain. */
  undecided?: boolean;
}

export interface ComparePhaseView {
  phase: 'load' | 'config' | 'warmup' | 'inference';
  title: string;
  /** Which test decided, in words, when the phase is tested. */
  test: string;
  cells: CompareCellView[];
}

/** Grouped bars: one group per phase, one bar per run; `sd` draws error bars where known. */
export interface CompareChartView {
  phases: string[];
  series: Array<{ runId: string; label: string; values: Array<number | null>; sd: Array<number | null> }>;
  unit: string;
}

export interface CompareFlagRowView {
  flag: string;
  /** One text per run, in run order; `–` when the run did not give the flag. */
  values: string[];
}

export interface CompareViewModel {
  baselineId: string;
  runs: CompareRunView[];
  phases: ComparePhaseView[];
  chart: CompareChartView;
  flagDifferences: CompareFlagRowView[];
  /** The flags every run shares, as `--a --b=1` (empty when none). */
  commonFlags: string;
  notes: string[];
  /** Differences one run each cannot decide, and the study that would. */
  decide: { runIds: string[]; text: string } | null;
}

export type CompareHostMessage =
  | { type: 'init'; strings: UiStrings; model: CompareViewModel }
  | { type: 'update'; model: CompareViewModel }
  /** Operator diffs of the profiled runs against the baseline (empty: no tab). Sent after init/update. */
  | { type: 'profileDiff'; strings: UiStrings; diffs: ProfileDiffView[] };

// ---------------------------------------------------------------------------------------------
// Webview → host (checked at runtime by the host)

/** Chart exports are PNG only and bounded: a canvas data URL of at most ~8 MB. */
export const PNG_DATA_URL_MAX = 8 * 1024 * 1024;
export const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

const exportTable = z
  .object({
    type: z.literal('export'),
    requestId: z.number().int().nonnegative().optional(),
    format: z.enum(['md', 'csv']),
  })
  .strict();

const exportPng = z
  .object({
    type: z.literal('export'),
    requestId: z.number().int().nonnegative().optional(),
    format: z.literal('png'),
    dataUrl: z.string().max(PNG_DATA_URL_MAX).regex(PNG_DATA_URL),
  })
  .strict();

export const compareWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('setBaseline'), runId: z.string().min(1).max(200) }).strict(),
  z.discriminatedUnion('format', [exportTable, exportPng]),
  z
    .object({ type: z.literal('decideWithStudy'), requestId: z.number().int().nonnegative().optional() })
    .strict(),
]);

export type CompareWebviewMessage = z.infer<typeof compareWebviewMessageSchema>;

/**
 * The Profile panel's protocol: the view model the host sends (one run's per-operator profile,
 * formatted and localized) and the webview's messages (checked at runtime with zod by the host).
 * The webview imports this file with `import type` only, so zod stays out of the browser bundle.
 * Rows carry their raw numbers next to the texts so the webview can sort them without deciding
 * anything about them.
 */
import * as z from 'zod';
import type { UiStrings } from './protocol';

export interface ProfileOperatorRowView {
  /** Execution order, 1-based. */
  position: number;
  name: string;
  type: string;
  ms: number;
  msText: string;
  share: number;
  shareText: string;
  /** `± 0.012` over executions, or empty. */
  spreadText: string;
  executions: number;
  /** `1×64×56×56, 64×64×3×3`. */
  inputs: string;
  /** `NCHW Float32 · cpu0:0`. */
  detail: string;
}

export interface ProfileTypeRowView {
  type: string;
  operators: number;
  ms: number;
  msText: string;
  share: number;
  shareText: string;
  /** `host 0.055 ms · device 0.140 ms` where both are reported, else empty. */
  detail: string;
}

export interface ProfileViewModel {
  /** `Profile: <the run's label or its flags>`. */
  title: string;
  /** `small_cnn.onnx · onnxruntime · local · 2025-03-04 05:06:07`. */
  subtitle: string;
  /** `Total 1.162 ms per run · 10 operators · 5 runs · host clock`. */
  summary: string;
  /** Largest first. */
  operators: ProfileOperatorRowView[];
  types: ProfileTypeRowView[];
  /** Bars in the chart. */
  top: number;
  notes: string[];
}

export type ProfileHostMessage =
  | { type: 'init'; strings: UiStrings; model: ProfileViewModel }
  | { type: 'error'; strings: UiStrings; message: string };

export const profileWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('openFile'), requestId: z.number().int().nonnegative().optional() }).strict(),
]);

export type ProfileWebviewMessage = z.infer<typeof profileWebviewMessageSchema>;

// ---------------------------------------------------------------------------------------------
// The Compare panel's operator-diff tab (host → webview, inside the Compare protocol)

export interface ProfileContributionView {
  /** `ConvolutionForward (2 operators)`, `inserted (1 operator)`, `everything else (6 operators)`. */
  label: string;
  deltaText: string;
  shareText: string;
  direction: 'gain' | 'loss' | 'none';
}

export interface ProfileDiffRowView {
  name: string;
  /** `was conv1.out_Conv` when matched by type and position. */
  previous: string;
  type: string;
  /** `same name`, `type + position`, `inserted`, `removed`, in the display language. */
  matchText: string;
  match: 'name' | 'type-position' | 'inserted' | 'removed';
  beforeText: string;
  afterText: string;
  deltaText: string;
  deltaMs: number;
  ratioText: string;
  shareText: string;
  /** `within jitter` when the delta is inside both sides' spread over executions; else empty. */
  jitterText: string;
}

export interface ProfileDiffView {
  beforeRunId: string;
  afterRunId: string;
  /** `Baseline → --fast-run`. */
  title: string;
  /** `0.140 ms → 0.112 ms per run: −0.028 ms (×0.80)`. */
  summary: string;
  /** `ConvolutionForward (2 operators): −0.017 ms, 60.0% of the gain`. */
  headline: string;
  /** Adds up to `total`. */
  contributions: ProfileContributionView[];
  total: ProfileContributionView;
  /** Largest |Δ| first, at most a few dozen. */
  operators: ProfileDiffRowView[];
  moreOperators: string;
  notes: string[];
}

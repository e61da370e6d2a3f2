/**
 * The Profile panel's protocol: the view model the host sends (one run's per-operator profile,
 * formatted and localized) and the webview's messages (checked at runtime with zod by the host).
 * The webview imports this file with `import type` only, so zod stays out of the browser bundle.
 * Rows carry their raw numbers next to the texts so the webview can sort them without deciding
 * anything about them.
 */
import { z } from 'zod';
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

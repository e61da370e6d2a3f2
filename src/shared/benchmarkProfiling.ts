/**
 * "Profile this run" in the Benchmark panel (issue #13): the intents the webview may send about it
 * and what the host tells it. Kept apart from `benchmarkProtocol.ts`, which includes these in its
 * unions. The host owns the toggle (it adds the engine's profiling flag to the run); the webview
 * renders the toggle, its warning, and a "Show profile" button on a result that has one.
 */
import * as z from 'zod';

/** Webview → host: the toggle changed; show the profile a finished run brought back. */
export const profilingIntents = [
  z.strictObject({ type: z.literal('setProfiling'), on: z.boolean() }),
  z.strictObject({ type: z.literal('showProfile'), recordId: z.string().min(1).max(512) }),
] as const;

/** What the panel knows about profiling the next run. */
export interface ProfilingView {
  /** The engine writes per-operator profiles (no toggle otherwise). */
  supported: boolean;
  /** The next run profiles: the toggle is on, or the form holds a profiling flag. */
  on: boolean;
}

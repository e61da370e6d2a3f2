/**
 * The webview protocol's common frame, shared by the extension host and every webview.
 * Each panel defines one discriminated union per direction in its own file
 * (`benchmarkProtocol.ts`, `compareProtocol.ts`) on top of these conventions:
 * - the webview posts `{ type: 'ready' }` first; the host answers with the panel's `init` message
 *   (state + localized strings — the webview never localizes by itself);
 * - a message that wants an answer carries `requestId`; the host answers with a `Reply`;
 * - the host checks every message from a webview at runtime (zod schema, `webviewHost.ts`) before
 *   acting on it, and drops and logs what does not match.
 */
export const PROTOCOL_VERSION = 1;

export interface ReadyMessage {
  type: 'ready';
}

/** The host's answer to a webview message that carried `requestId`; `V` is that message's reply type. */
export type Reply<V = unknown> =
  | { type: 'reply'; requestId: number; ok: true; value?: V }
  | { type: 'reply'; requestId: number; ok: false; error: string };

/** Localized UI strings, keyed by an id the webview knows; sent by the host in `init`. */
export type UiStrings = Record<string, string>;

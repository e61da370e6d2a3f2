/**
 * The typed webview protocol: one discriminated union per direction, shared by the extension host
 * and the webviews. Filled in by the panels.
 */
export const PROTOCOL_VERSION = 1;

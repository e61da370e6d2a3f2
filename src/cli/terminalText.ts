/**
 * Text from records is data, not terminal commands. A label, model name, flag or file name from a
 * shared record (or a hand-edited one) may hold escape sequences that retitle the terminal, clear
 * the screen, or hide text (ESC, CSI, OSC), and bidi overrides that reorder what is shown ("Trojan
 * Source"). Every piece of record text the CLI prints goes through `forTerminal`, which shows such
 * characters as visible escapes (`\x1b`, `\u202e`) instead of letting the terminal act on them.
 */

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI for some terminals), bidi embeddings,
// overrides and isolates, and the line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/g;
const UNSAFE_KEEP_LINES =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/g;

function visible(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** One line of text for a table cell: every control character (newlines too) shown as an escape. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A message of several lines: newlines are kept, every other control character is shown as an escape. */
export function linesForTerminal(text: string): string {
  return text.replace(UNSAFE_KEEP_LINES, visible);
}

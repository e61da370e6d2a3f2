/**
 * Turns one pipe's chunks (strings, or bytes through a streaming UTF-8 decoder) into whole lines,
 * whatever the chunk boundaries. Owns only the buffering; what a line means is the parser's. A line
 * longer than MAX_LINE (a binary dump, a runaway print) keeps only its head, so memory stays bounded;
 * the cut is the same however the line was chunked.
 */

/** Longer lines are garbage for a log parser. */
export const MAX_LINE = 1 << 20;
/** What is kept of an over-long line. */
export const LINE_HEAD_KEPT = 4096;

export class LineAssembler {
  private pending = '';
  /** The pending line passed MAX_LINE: drop input until its end. */
  private overflow = false;
  private decoder: InstanceType<typeof TextDecoder> | null = null;

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      let line: string;
      if (this.pending.length > 0 || this.overflow) {
        line = this.overflow ? this.pending : this.pending + text.slice(start, nl);
        this.pending = '';
        this.overflow = false;
      } else {
        line = text.slice(start, nl);
      }
      this.onLine(line.length > MAX_LINE ? line.slice(0, LINE_HEAD_KEPT) : line);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length && !this.overflow) {
      this.pending += start === 0 ? text : text.slice(start);
      if (this.pending.length > MAX_LINE) {
        this.pending = this.pending.slice(0, LINE_HEAD_KEPT);
        this.overflow = true;
      }
    }
  }

  /** Bytes as UTF-8; a character split between two chunks is decoded whole. */
  pushBytes(bytes: Uint8Array): void {
    this.decoder ??= new TextDecoder('utf-8', { fatal: false });
    const text = this.decoder.decode(bytes, { stream: true });
    if (text.length > 0) this.push(text);
  }

  /** Flushes the decoder and an unterminated last line. */
  end(): void {
    if (this.decoder) {
      const rest = this.decoder.decode();
      this.decoder = null;
      if (rest) this.push(rest);
    }
    if (this.pending.length > 0) {
      const line = this.pending;
      this.pending = '';
      this.overflow = false;
      this.onLine(line);
    }
  }
}

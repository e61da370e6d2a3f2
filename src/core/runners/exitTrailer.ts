/**
 * Separates the remote wrapper's status trailer (`<mark> exit 0`, see remoteScripts.ts) from the
 * program's stderr while it streams: text is passed on as it arrives, except a tail that could be
 * the start of the mark, which waits for the next chunk. The mark holds a per-run random nonce, so
 * a program cannot fake it.
 */

export type RemoteStatus =
  | { kind: 'exit'; code: number }
  | { kind: 'signal'; signal: string }
  | { kind: 'need'; indexes: number[] }
  | { kind: 'missing' }
  | { kind: 'notexec' }
  | { kind: 'setup-failed' };

export class ExitTrailerFilter {
  private pending = '';
  private trailer: string | null = null;

  constructor(
    private readonly mark: string,
    private readonly onText: (text: string) => void,
  ) {}

  push(text: string): void {
    if (this.trailer !== null) {
      this.trailer += text;
      return;
    }
    const all = this.pending + text;
    const at = all.indexOf(this.mark);
    if (at >= 0) {
      this.emit(all.slice(0, at));
      this.pending = '';
      this.trailer = all.slice(at + this.mark.length);
      return;
    }
    const keep = this.partialMarkLength(all);
    this.emit(all.slice(0, all.length - keep));
    this.pending = all.slice(all.length - keep);
  }

  /** Flush held-back text; returns the parsed status, or null when no trailer arrived. */
  end(): RemoteStatus | null {
    this.emit(this.pending);
    this.pending = '';
    return this.trailer === null ? null : parseTrailer(this.trailer);
  }

  private emit(text: string): void {
    if (text) this.onText(text);
  }

  /** Length of the longest suffix of `text` that is a proper prefix of the mark. */
  private partialMarkLength(text: string): number {
    const max = Math.min(text.length, this.mark.length - 1);
    for (let n = max; n > 0; n--) {
      if (this.mark.startsWith(text.slice(text.length - n))) return n;
    }
    return 0;
  }
}

/** Parse the words after the mark (`exit 3`, `signal SEGV`, `need 0 2`, ...). */
export function parseTrailer(text: string): RemoteStatus | null {
  const words = text.trim().split(/\s+/);
  switch (words[0]) {
    case 'exit': {
      const code = Number(words[1]);
      return Number.isInteger(code) ? { kind: 'exit', code } : null;
    }
    case 'signal':
      return words[1] ? { kind: 'signal', signal: 'SIG' + words[1].replace(/^SIG/, '') } : null;
    case 'need':
      return { kind: 'need', indexes: words.slice(1).map(Number).filter(Number.isInteger) };
    case 'missing':
    case 'notexec':
    case 'setup-failed':
      return { kind: words[0] };
    default:
      return null;
  }
}

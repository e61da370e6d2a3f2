/**
 * What load_and_run said, as opposed to what it measured: its warnings and errors (multi-line ones
 * continued by their unheaded lines) and the lines that end a run or refuse to start it (a C++
 * terminate, `what():`, gflags' flag errors, a segfault...), which make the run fatal. The parser
 * (`outputParser.ts`) hands it the lines no timing rule claimed, with the pipe's open block; the
 * bounded list itself is `messageLog.ts`, the patterns `larLineGrammar.ts`.
 */
import type { ToolMessage } from '../../engine';
import { RE, type LineLevel } from './larLineGrammar';
import { MessageLog } from './messageLog';

/** One pipe's open message: a message's continuation lines come on the same pipe as its first line. */
export interface MessageBlock {
  /** The message that unheaded lines continue, and whether it is a recoverable log line or a fatal block. */
  open: { msg: ToolMessage; kind: 'logged' | 'fatal' } | null;
}

export class LarToolMessages {
  private readonly log = new MessageLog();
  private fatalSeen = false;

  /** `onLegacyLine`: a line only the legacy tool prints was seen (the generation's evidence). */
  constructor(private readonly onLegacyLine: () => void) {}

  /** A line that ends a run or refuses to start it was seen: the run is not complete, whatever else it printed. */
  get fatal(): boolean {
    return this.fatalSeen;
  }

  /** A recoverable message; returns it, or null when the list was full and it was only counted. */
  add(level: ToolMessage['level'], text: string): ToolMessage | null {
    return this.log.add(level, text);
  }

  /** A headed line: a warning or error opens a block that the pipe's unheaded lines continue. */
  headed(level: LineLevel, t: string, block: MessageBlock): void {
    block.open = null;
    if (level === 'error' || level === 'warn') {
      const msg = this.add(level, t);
      if (msg) block.open = { msg, kind: 'logged' };
    }
  }

  /** An unheaded line nothing else claimed: it continues the open message, if any. */
  continued(t: string, block: MessageBlock): void {
    if (block.open) MessageLog.append(block.open.msg, t);
  }

  /** Lines that end a run or refuse to start it. Returns true when the line was one. */
  fatalLine(t: string, headed: boolean, block: MessageBlock): boolean {
    let m: RegExpExecArray | null;
    if (RE.terminate.test(t)) {
      this.fatalMessage(t);
      block.open = null;
      return true;
    }
    if ((m = RE.what.exec(t))) {
      this.openFatal(`what(): ${m[1]}`, block);
      return true;
    }
    if ((m = RE.extra.exec(t))) {
      // `extra message:` also continues a recoverable `[ERR] catch exception:` (27_fitting).
      if (block.open && block.open.kind === 'logged') {
        MessageLog.append(block.open.msg, t);
      } else {
        this.openFatal(`extra message: ${m[1]}`, block);
      }
      return true;
    }
    if (headed) return false;
    if ((m = RE.gflagsError.exec(t))) {
      const text = m[1];
      const isFlagError = /^(?:unknown command line flag|illegal value|flag '.*' is missing)/.test(text);
      if (isFlagError) this.fatalMessage(text);
      else this.add('error', text);
      block.open = null;
      return true;
    }
    if ((m = RE.legacyInvalidArg.exec(t))) {
      this.onLegacyLine();
      this.fatalMessage(t);
      return true;
    }
    if (RE.ioError.test(t)) {
      this.add('error', t);
      block.open = null;
      return true;
    }
    if (RE.segfault.test(t) || RE.aborted.test(t) || RE.commandNotFound.test(t)) {
      this.fatalMessage(t);
      block.open = null;
      return true;
    }
    return false;
  }

  /** Copies of the kept messages, plus a note counting the dropped ones. */
  snapshot(): ToolMessage[] {
    return this.log.snapshot();
  }

  private fatalMessage(text: string): ToolMessage | null {
    this.fatalSeen = true;
    return this.log.add('error', text, true);
  }

  private openFatal(text: string, block: MessageBlock): void {
    const msg = this.fatalMessage(text);
    block.open = msg ? { msg, kind: 'fatal' } : null;
  }
}

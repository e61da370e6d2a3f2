/**
 * The bounded list of the tool's warnings and errors: kept in full up to a cap, then only counted,
 * so a warning printed on every iteration cannot eat memory. Fatal lines come last in a log; they get
 * a reserve beyond the cap so the cause of a crash is never the line that was dropped.
 */
import type { ToolMessage } from '../../engine';
import { message, tidy } from './larLineGrammar';

export const MESSAGE_CAP = 1000;
const FATAL_RESERVE = 50;
/** A message's continuation lines stop being appended past this length. */
const MESSAGE_TEXT_CAP = 4000;

export class MessageLog {
  private readonly kept: ToolMessage[] = [];
  private dropped = 0;
  private reserveUsed = 0;

  /** Adds a message; returns it (to append continuation lines to) or null when it was only counted. */
  add(level: ToolMessage['level'], text: string, fatal = false): ToolMessage | null {
    if (this.kept.length >= MESSAGE_CAP) {
      if (!fatal || this.reserveUsed >= FATAL_RESERVE) {
        this.dropped++;
        return null;
      }
      this.reserveUsed++;
    }
    const msg = message(level, text);
    this.kept.push(msg);
    return msg;
  }

  /** Appends a continuation line (a multi-line message), up to MESSAGE_TEXT_CAP characters. */
  static append(msg: ToolMessage, line: string): void {
    if (msg.text.length < MESSAGE_TEXT_CAP) msg.text += '\n' + tidy(line);
  }

  /** Copies of the kept messages, plus a note counting the dropped ones. */
  snapshot(): ToolMessage[] {
    const out = this.kept.map((m) => ({ ...m }));
    if (this.dropped > 0) out.push({ level: 'info', text: `${this.dropped} more messages not kept` });
    return out;
  }
}

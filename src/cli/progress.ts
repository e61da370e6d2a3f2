/**
 * Live progress of `lar-explorer run` on stderr. On a terminal: one line redrawn in place
 * (`warm-up… / iter 7/100  5.21 ms`). Otherwise (CI logs, pipes): the tool's own output as it
 * arrives, so a log file shows exactly what load_and_run printed.
 */
import type { IterationTime } from '../core/engine';
import type { CliIo } from './cliIo';
import { say, type CliLanguage } from './cliLanguage';
import { PROGRESS_TEXTS as T, RUN_PHASE_TEXTS } from './runReportTexts';

export class RunProgress {
  private phase = 'starting';
  private iterations = 0;
  private lastMs: number | null = null;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly mode: 'line' | 'log' | 'none',
    private readonly expectedIterations: number | null,
    private readonly lang: CliLanguage = 'en',
  ) {}

  log(text: string): void {
    if (this.mode === 'log') this.io.err(text);
  }

  onPhase(phase: string): void {
    this.phase = phase;
    this.draw();
  }

  onIteration(it: IterationTime): void {
    this.iterations++;
    this.lastMs = it.e2eMs;
    this.draw();
  }

  /** Print a message on its own line (keeps the progress line intact below it). */
  note(text: string): void {
    this.clear();
    this.io.err(text.endsWith('\n') ? text : `${text}\n`);
    this.draw();
  }

  /** Remove the progress line before the final report. */
  done(): void {
    this.clear();
  }

  private clear(): void {
    if (this.mode === 'line' && this.drawn) this.io.err('\r\x1b[K');
    this.drawn = false;
  }

  private phaseName(): string {
    if (this.phase === 'starting') return say(this.lang, T.starting);
    return Object.prototype.hasOwnProperty.call(RUN_PHASE_TEXTS, this.phase)
      ? say(this.lang, RUN_PHASE_TEXTS[this.phase as keyof typeof RUN_PHASE_TEXTS])
      : this.phase;
  }

  private draw(): void {
    if (this.mode !== 'line') return;
    const of = this.expectedIterations ? `/${this.expectedIterations}` : '';
    const text =
      this.iterations > 0
        ? say(this.lang, T.iteration, {
            done: this.iterations,
            of,
            ms: this.lastMs === null ? '' : `${this.lastMs.toFixed(3)} ms`,
          })
        : say(this.lang, T.phase, { phase: this.phaseName() });
    this.io.err(`\r\x1b[K${text}`);
    this.drawn = true;
  }
}

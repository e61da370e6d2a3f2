/**
 * What `lar-explorer explore` prints: the live table while a study runs (redrawn in place on a
 * terminal, one line per round otherwise), the ranked table per target at the end with the noise
 * floor, break-even and the winning command line, and the `--json` document (a public contract:
 * keep its names; add, never rename).
 */
import { closingProfileJson, renderClosingProfile } from './closingProfileReport';
import type { RankingEntry, StudyEvent, StudyRecord, TargetOutcome } from '../core/study/studyTypes';
import { describeObjective } from '../core/study/runMeasures';
import { renderTable } from './textTable';

const ratio = (x: number) => (x >= 10 ? `×${x.toFixed(1)}` : `×${x.toFixed(3)}`);

function interval(e: RankingEntry): string {
  if (!e.estimate) return '–';
  if (e.verdict === 'baseline') return '×1';
  const { lo, hi } = e.estimate;
  if (!Number.isFinite(hi)) return `${ratio(e.estimate.ratio)} (needs 2 rounds)`;
  return `${ratio(e.estimate.ratio)} [${ratio(lo).slice(1)}–${ratio(hi).slice(1)}]`;
}

export function breakEvenText(e: RankingEntry): string {
  const b = e.breakEven;
  if (!b) return e.verdict === 'baseline' ? '' : '–';
  const n = (x: number | null) =>
    x === null ? 'never' : x === 0 ? 'immediately' : `${x.toLocaleString('en-US')}`;
  if (b.inferences === null && b.lo === null) return 'never';
  // No measurable gain: never for sure; the interval's optimistic end says what it could be at best.
  if (b.inferences === null) return `never (at best ${b.lo === 0 ? 'immediately' : `after ${n(b.lo)}`})`;
  const range = b.lo === b.hi ? '' : ` (${n(b.lo)}–${n(b.hi)})`;
  const main =
    b.inferences === null ? 'never' : b.inferences === 0 ? 'immediately' : `after ${n(b.inferences)}`;
  return `${main}${range}`;
}

function verdictText(e: RankingEntry): string {
  return e.equivalentToBest && e.verdict !== 'baseline' ? `${e.verdict} (≈ best)` : e.verdict;
}

export function rankingTable(ranking: RankingEntry[], withBreakEven = true): string {
  const columns = [
    { header: '#', align: 'right' as const },
    { header: 'candidate' },
    { header: 'ratio [95%]' },
    { header: 'verdict' },
    { header: 'rounds', align: 'right' as const },
    ...(withBreakEven ? [{ header: 'pays off' }] : []),
  ];
  const rows = ranking.map((e, i) => [
    String(i + 1),
    e.label,
    interval(e),
    verdictText(e),
    String(e.rounds),
    ...(withBreakEven ? [breakEvenText(e)] : []),
  ]);
  return renderTable(columns, rows);
}

function noiseText(t: TargetOutcome): string {
  const nf = t.noiseFloor;
  if (!nf) return 'noise floor: not measured (fewer than 2 A/A pairs)';
  return (
    `noise floor: two identical runs differ by ×${nf.lo.toFixed(3)}–×${nf.hi.toFixed(3)} here ` +
    `(95%, from ${nf.pairs} A/A pairs of the baseline)`
  );
}

/** The winner: the best candidate called faster, else the baseline. */
export function winner(t: TargetOutcome): RankingEntry | undefined {
  return t.ranking.find((e) => e.verdict === 'faster') ?? t.ranking.find((e) => e.verdict === 'baseline');
}

export function renderStudyReport(record: StudyRecord, path: string | null): string {
  const def = record.definition;
  let out =
    `study ${record.id.slice(0, 8)} · ${def.model} · objective ${describeObjective(def.objective)} · seed ${def.seed} · ` +
    `stopped: ${record.stoppedBecause ?? 'running'}\n`;
  for (const t of record.targets) {
    out += `\n${t.name}: ${t.roundsDone} round(s)${t.stoppedBecause ? `, ${t.stoppedBecause}` : ''}\n`;
    out += rankingTable(t.ranking);
    out += noiseText(t) + '\n';
    for (const e of t.ranking.filter((x) => x.reason)) out += `  ${e.label}: ${e.reason}\n`;
    for (const x of t.excluded) out += `  ${x.label}: left out: ${x.reason}\n`;
    const w = winner(t);
    if (w?.verdict === 'faster') out += `winner: ${w.label}${w.command ? `\n  ${w.command}` : ''}\n`;
    else out += 'winner: none of the candidates beats the baseline beyond noise\n';
    out += renderClosingProfile(t.closingProfile, path !== null);
  }
  out += `\n${record.method}\n`;
  if (path) out += `study record: ${path}\n`;
  return out;
}

/** The `--json` contract of issue #10. */
export function studyJson(record: StudyRecord, saved = true): unknown {
  const def = record.definition;
  return {
    study: {
      id: record.id,
      model: def.model,
      objective: describeObjective(def.objective),
      seed: def.seed,
      rounds: Math.max(0, ...record.targets.map((t) => t.roundsDone)),
      stoppedBecause: record.stoppedBecause ?? null,
      method: record.method,
    },
    targets: record.targets.map((t) => ({
      name: t.name,
      noiseFloor: t.noiseFloor
        ? { lo: t.noiseFloor.lo, hi: t.noiseFloor.hi, pairs: t.noiseFloor.pairs }
        : null,
      stoppedBecause: t.stoppedBecause ?? null,
      ranking: t.ranking.map((e) => ({
        label: e.label,
        flags: e.flags,
        ratio: e.estimate?.ratio ?? null,
        lo: e.estimate && Number.isFinite(e.estimate.lo) ? e.estimate.lo : null,
        hi: e.estimate && Number.isFinite(e.estimate.hi) ? e.estimate.hi : null,
        verdict: e.verdict,
        rounds: e.rounds,
        breakEvenInferences: e.breakEven?.inferences ?? null,
        ...(e.breakEven ? { breakEven: e.breakEven } : {}),
        ...(e.equivalentToBest ? { equivalentToBest: true } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        command: e.command ?? null,
      })),
      excluded: t.excluded,
      ...(t.closingProfile ? { closingProfile: closingProfileJson(t.closingProfile, saved) } : {}),
    })),
  };
}

/** Live progress: a table redrawn in place on a terminal; one line per finished round otherwise. */
export class StudyProgress {
  private drawnLines = 0;
  private readonly latest = new Map<string, Extract<StudyEvent, { type: 'ranking-updated' }>>();

  constructor(
    private readonly write: (s: string) => void,
    private readonly tty: boolean,
  ) {}

  onEvent(e: StudyEvent): void {
    if (e.type === 'study-started') this.write(`${e.resumed ? 'resuming' : 'study'} ${e.studyId}\n`);
    else if (e.type === 'candidate-excluded') this.line(`${e.target}: ${e.candidate} left out: ${e.reason}`);
    else if (e.type === 'candidate-dropped') this.line(`${e.target}: ${e.candidate} dropped (${e.reason})`);
    else if (e.type === 'candidate-failed') this.line(`${e.target}: ${e.candidate} failed: ${e.reason}`);
    else if (e.type === 'preparation-finished')
      this.line(
        `${e.target}: ${e.artifact.candidate} prepared (${e.artifact.kind}, ${(e.artifact.costMs / 1000).toFixed(1)} s, ${e.artifact.status})`,
      );
    else if (e.type === 'closing-profile-started')
      this.line(`${e.target}: profiling ${e.candidates.join(' and ')} once more (not part of the verdict)`);
    else if (e.type === 'ranking-updated') {
      this.latest.set(e.target, e);
      if (this.tty) this.redraw();
    } else if (e.type === 'round-started' && !this.tty && e.round > 1) {
      const last = this.latest.get(e.target);
      if (last) this.write(summaryLine(last) + '\n');
    } else if (e.type === 'study-stopped') this.clear();
  }

  private line(text: string): void {
    this.clear();
    this.write(text + '\n');
    if (this.tty) this.redraw();
  }

  private clear(): void {
    if (this.tty && this.drawnLines > 0) this.write(`\x1b[${this.drawnLines}A\x1b[J`);
    this.drawnLines = 0;
  }

  private redraw(): void {
    this.clear();
    let text = '';
    for (const e of this.latest.values()) text += summaryLine(e) + '\n' + rankingTable(e.ranking, false);
    this.write(text);
    this.drawnLines = text.split('\n').length - 1;
  }
}

function summaryLine(e: Extract<StudyEvent, { type: 'ranking-updated' }>): string {
  const eta = e.etaMs === null ? '' : `, ETA ${formatDuration(e.etaMs)}`;
  const best = e.ranking[0];
  return `${e.target}: round ${e.round}, ${e.alive} alive, best ${best?.label ?? '–'}${eta}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

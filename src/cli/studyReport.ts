/**
 * What `lar-explorer explore` prints: the live table while a study runs (redrawn in place on a
 * terminal, one line per round otherwise), the ranked table per target at the end with the noise
 * floor, break-even and the winning command line, and the `--json` document (a public contract:
 * keep its names; add, never rename).
 */
import { closingProfileJson, renderClosingProfile } from './closingProfileReport';
import type { RankingEntry, StudyEvent, StudyRecord, TargetOutcome } from '../core/study/studyTypes';
import { describeObjective } from '../core/study/runMeasures';
import { say, type Bilingual, type CliLanguage, type Vars } from './cliLanguage';
import { statusIn } from './cliTexts';
import { STUDY_REPORT_TEXTS as T, STUDY_STOP_TEXTS, STUDY_VERDICT_TEXTS } from './studyReportTexts';
import { renderTable } from './textTable';

const ratio = (x: number) => (x >= 10 ? `×${x.toFixed(1)}` : `×${x.toFixed(3)}`);

/** A word from one of the catalogues by its stored English key; an unknown key is shown as stored. */
function wordIn(lang: CliLanguage, words: Readonly<Record<string, Bilingual>>, key: string): string {
  return Object.prototype.hasOwnProperty.call(words, key) ? words[key]![lang] : key;
}

function interval(e: RankingEntry, lang: CliLanguage): string {
  if (!e.estimate) return '–';
  if (e.verdict === 'baseline') return '×1';
  const { lo, hi } = e.estimate;
  if (!Number.isFinite(hi)) return say(lang, T.needsTwoRounds, { ratio: ratio(e.estimate.ratio) });
  return `${ratio(e.estimate.ratio)} [${ratio(lo).slice(1)}–${ratio(hi).slice(1)}]`;
}

export function breakEvenText(e: RankingEntry, lang: CliLanguage = 'en'): string {
  const b = e.breakEven;
  if (!b) return e.verdict === 'baseline' ? '' : '–';
  const n = (x: number | null) =>
    x === null ? say(lang, T.never) : x === 0 ? say(lang, T.immediately) : `${x.toLocaleString('en-US')}`;
  const when = (x: number | null) =>
    x === null
      ? say(lang, T.never)
      : x === 0
        ? say(lang, T.immediately)
        : say(lang, T.after, { count: n(x) });
  if (b.inferences === null && b.lo === null) return say(lang, T.never);
  // No measurable gain: never for sure; the interval's optimistic end says what it could be at best.
  if (b.inferences === null)
    return b.lo === 0 ? say(lang, T.neverAtBestNow) : say(lang, T.neverAtBestAfter, { count: n(b.lo) });
  const range = b.lo === b.hi ? '' : say(lang, T.range, { lo: n(b.lo), hi: n(b.hi) });
  return `${when(b.inferences)}${range}`;
}

function verdictText(e: RankingEntry, lang: CliLanguage): string {
  const verdict = wordIn(lang, STUDY_VERDICT_TEXTS, e.verdict);
  return e.equivalentToBest && e.verdict !== 'baseline'
    ? say(lang, T.equivalentToBest, { verdict })
    : verdict;
}

export function rankingTable(
  ranking: RankingEntry[],
  withBreakEven = true,
  lang: CliLanguage = 'en',
): string {
  const columns = [
    { header: '#', align: 'right' as const },
    { header: say(lang, T.colCandidate) },
    { header: say(lang, T.colRatio) },
    { header: say(lang, T.colVerdict) },
    { header: say(lang, T.colRounds), align: 'right' as const },
    ...(withBreakEven ? [{ header: say(lang, T.colPaysOff) }] : []),
  ];
  const rows = ranking.map((e, i) => [
    String(i + 1),
    e.label,
    interval(e, lang),
    verdictText(e, lang),
    String(e.rounds),
    ...(withBreakEven ? [breakEvenText(e, lang)] : []),
  ]);
  return renderTable(columns, rows);
}

function noiseText(t: TargetOutcome, lang: CliLanguage): string {
  const nf = t.noiseFloor;
  if (!nf) return say(lang, T.noiseNotMeasured);
  return say(lang, T.noiseFloor, { lo: nf.lo.toFixed(3), hi: nf.hi.toFixed(3), pairs: nf.pairs });
}

/** The winner: the best candidate called faster, else the baseline. */
export function winner(t: TargetOutcome): RankingEntry | undefined {
  return t.ranking.find((e) => e.verdict === 'faster') ?? t.ranking.find((e) => e.verdict === 'baseline');
}

export function renderStudyReport(
  record: StudyRecord,
  path: string | null,
  lang: CliLanguage = 'en',
): string {
  const def = record.definition;
  let out =
    say(lang, T.header, {
      id: record.id.slice(0, 8),
      model: def.model,
      objective: describeObjective(def.objective),
      seed: def.seed,
      stopped: wordIn(lang, STUDY_STOP_TEXTS, record.stoppedBecause ?? 'running'),
    }) + '\n';
  for (const t of record.targets) {
    const stopped = t.stoppedBecause
      ? say(lang, T.targetStopped, { why: wordIn(lang, STUDY_STOP_TEXTS, t.stoppedBecause) })
      : '';
    out += `\n${say(lang, T.targetRounds, { target: t.name, rounds: t.roundsDone, stopped })}\n`;
    out += rankingTable(t.ranking, true, lang);
    out += noiseText(t, lang) + '\n';
    // Reasons come from core, in English.
    for (const e of t.ranking.filter((x) => x.reason))
      out += say(lang, T.entryReason, { label: e.label, reason: e.reason! }) + '\n';
    for (const x of t.excluded) out += say(lang, T.leftOut, { label: x.label, reason: x.reason }) + '\n';
    const w = winner(t);
    if (w?.verdict === 'faster')
      out += `${say(lang, T.winner, { label: w.label })}${w.command ? `\n  ${w.command}` : ''}\n`;
    else out += say(lang, T.noWinner) + '\n';
    out += renderClosingProfile(t.closingProfile, path !== null, lang);
  }
  const method = record.method === T.method.en ? say(lang, T.method) : record.method;
  out += `\n${method}\n`;
  if (path) out += say(lang, T.studyRecord, { path }) + '\n';
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
    private readonly lang: CliLanguage = 'en',
  ) {}

  onEvent(e: StudyEvent): void {
    const t = (entry: Bilingual, vars?: Vars): string => say(this.lang, entry, vars);
    if (e.type === 'study-started')
      this.write(t(e.resumed ? T.studyResumed : T.studyStarted, { id: e.studyId }) + '\n');
    else if (e.type === 'candidate-excluded') this.line(t(T.candidateLeftOut, candidateVars(e)));
    else if (e.type === 'candidate-dropped') this.line(t(T.candidateDropped, candidateVars(e)));
    else if (e.type === 'candidate-failed') this.line(t(T.candidateFailed, candidateVars(e)));
    else if (e.type === 'preparation-finished')
      this.line(
        t(T.prepared, {
          target: e.target,
          candidate: e.artifact.candidate,
          kind: e.artifact.kind,
          seconds: (e.artifact.costMs / 1000).toFixed(1),
          status: statusIn(this.lang, e.artifact.status),
        }),
      );
    else if (e.type === 'closing-profile-started')
      this.line(t(T.profilingAgain, { target: e.target, candidates: e.candidates.join(t(T.and)) }));
    else if (e.type === 'ranking-updated') {
      this.latest.set(e.target, e);
      if (this.tty) this.redraw();
    } else if (e.type === 'round-started' && !this.tty && e.round > 1) {
      const last = this.latest.get(e.target);
      if (last) this.write(summaryLine(last, this.lang) + '\n');
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
    for (const e of this.latest.values())
      text += summaryLine(e, this.lang) + '\n' + rankingTable(e.ranking, false, this.lang);
    this.write(text);
    this.drawnLines = text.split('\n').length - 1;
  }
}

function candidateVars(e: { target: string; candidate: string; reason: string }): Vars {
  return { target: e.target, candidate: e.candidate, reason: e.reason };
}

function summaryLine(e: Extract<StudyEvent, { type: 'ranking-updated' }>, lang: CliLanguage): string {
  const eta = e.etaMs === null ? '' : say(lang, T.eta, { duration: formatDuration(e.etaMs) });
  return say(lang, T.summary, {
    target: e.target,
    round: e.round,
    alive: e.alive,
    best: e.ranking[0]?.label ?? '–',
    eta,
  });
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

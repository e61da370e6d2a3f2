/**
 * Turns a study snapshot (the core's rankings, noise floors and break-evens) into the Explore
 * panel's view model: numbers formatted, verdicts and the recommendation put into words in the
 * display language, chart points laid out. It says what the core decided; it decides nothing.
 */
import { closingProfileView } from './closingProfileView';
import * as vscode from 'vscode';
import type { Engine, FlagSet } from '../../core/engine';
import { flagsText } from '../../core/records/runSummary';
import { shellJoin } from '../../core/shellQuote';
import type { RankingEntry, StudyDefinition, Verdict } from '../../core/study';
import type {
  BreakEvenChartView,
  CandidateResultView,
  CandidateVerdictView,
  MatrixView,
  RecommendationView,
  StudyTargetView,
  StudyView,
} from '../../shared/exploreProtocol';
import { ratioText } from '../compare/compareViewModel';
import type { StudySnapshot, TargetSnapshot } from './studySnapshot';

export const GLYPHS: Record<CandidateVerdictView, string> = {
  baseline: '●',
  faster: '▼',
  slower: '▲',
  'within-noise': '≈',
  dropped: '✕',
  failed: '⚠',
  pending: '…',
};

export function verdictText(v: CandidateVerdictView): string {
  switch (v) {
    case 'baseline':
      return vscode.l10n.t('baseline');
    case 'faster':
      return vscode.l10n.t('faster');
    case 'slower':
      return vscode.l10n.t('slower');
    case 'within-noise':
      return vscode.l10n.t('within noise');
    case 'dropped':
      return vscode.l10n.t('dropped');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'pending':
      return vscode.l10n.t('measuring…');
  }
}

const count = (n: number) => Math.round(n).toLocaleString(vscode.env.language);

export function breakEvenText(e: RankingEntry): string {
  const b = e.breakEven;
  if (!b || e.verdict === 'baseline') return '–';
  if (b.inferences === null) return vscode.l10n.t('never');
  if (b.inferences === 0) return vscode.l10n.t('at once');
  return vscode.l10n.t('after {0}', count(b.inferences));
}

/** The engine's command line for a candidate (with the study's common flags and run plan). */
export function candidateCommand(
  engine: Engine | undefined,
  program: string,
  def: StudyDefinition,
  flags: FlagSet,
): string {
  if (!engine) return '';
  const all = { ...def.commonFlags, ...flags };
  return shellJoin([program, ...engine.buildArgs({ model: def.model, flags: all })]);
}

/** Past ×0.01…×100 an interval says only "more rounds needed"; printing 12 digits says less. */
const WIDE = 100;

export function intervalText(lo: number, hi: number): string {
  if (!(lo > 1 / WIDE) || !(hi < WIDE)) return vscode.l10n.t('too wide yet');
  return vscode.l10n.t('{0}–{1}', ratioText(lo), ratioText(hi));
}

function resultView(e: RankingEntry, rank: number | null): CandidateResultView {
  const est = e.estimate;
  const isBase = e.verdict === 'baseline';
  const verdict: CandidateVerdictView =
    est === null && !isBase && e.verdict === 'within-noise' ? 'pending' : e.verdict;
  return {
    key: e.label,
    label: e.label,
    flagsText: flagsText(e.flags) || vscode.l10n.t('default flags'),
    rank,
    ratio: isBase ? 1 : (est?.ratio ?? null),
    lo: isBase ? null : (est?.lo ?? null),
    hi: isBase ? null : (est?.hi ?? null),
    ratioText: isBase ? '×1.00' : est ? ratioText(est.ratio) : '–',
    intervalText: !isBase && est ? intervalText(est.lo, est.hi) : '',
    verdict,
    verdictText: e.equivalentToBest
      ? `${verdictText(verdict)} · ${vscode.l10n.t('equivalent to the best')}`
      : verdictText(verdict),
    rounds: e.rounds,
    breakEvenText: breakEvenText(e),
    ...(e.reason ? { reason: e.reason } : {}),
  };
}

function ranked(t: TargetSnapshot, def: StudyDefinition): RankingEntry[] {
  if (t.ranking.length > 0) return t.ranking;
  // Before the first round ends: the candidates, unmeasured.
  return def.candidates.map((c) => ({
    label: c.label,
    flags: c.flags,
    estimate: null,
    verdict: c.label === def.baseline ? ('baseline' as Verdict) : ('within-noise' as Verdict),
    rounds: 0,
    breakEven: null,
  }));
}

function recommendation(
  t: TargetSnapshot,
  entries: RankingEntry[],
  running: boolean,
  command: (flags: FlagSet) => string,
): RecommendationView {
  const best = entries.find((e) => e.verdict === 'faster');
  const none: RecommendationView = {
    kind: 'none',
    headline: '',
    detail: '',
    command: '',
    candidateKey: null,
  };
  if (!best) {
    if (running || t.round === 0)
      return { ...none, kind: 'pending', headline: vscode.l10n.t('No verdict yet: the study is measuring.') };
    return {
      ...none,
      headline: vscode.l10n.t('Nothing beats the baseline beyond noise.'),
      detail: vscode.l10n.t('Keep the defaults: every difference measured is within what noise explains.'),
    };
  }
  const est = best.estimate!;
  const parts = [vscode.l10n.t('95% CI {0}–{1}', ratioText(est.lo), ratioText(est.hi))];
  const b = best.breakEven;
  if (b) {
    if (b.inferences === null) parts.push(vscode.l10n.t('never pays off for the one-time cost'));
    else if (b.inferences === 0) parts.push(vscode.l10n.t('pays off at once'));
    else parts.push(vscode.l10n.t('pays off after {0} inferences', count(b.inferences)));
  }
  const equivalent = entries.filter((e) => e.equivalentToBest && e !== best).map((e) => e.label);
  if (equivalent.length > 0) parts.push(vscode.l10n.t('within noise of it: {0}', equivalent.join(', ')));
  const pct = Math.round((1 - est.ratio) * 100);
  return {
    kind: 'winner',
    headline: running
      ? vscode.l10n.t('Leading so far: {0}, {1}% faster ({2})', best.label, pct, ratioText(est.ratio))
      : vscode.l10n.t('Use {0}: {1}% faster ({2})', best.label, pct, ratioText(est.ratio)),
    detail: parts.join(' · '),
    command: best.command ?? command(best.flags),
    candidateKey: best.label,
  };
}

/** Extra cumulative cost over the baseline: one-time difference − N × per-inference gain. */
function breakEvenChart(entries: RankingEntry[]): BreakEvenChartView | null {
  const withCost = entries.filter((e) => e.breakEven && e.verdict !== 'baseline' && e.verdict !== 'failed');
  if (withCost.length === 0) return null;
  const finite = withCost.map((e) => e.breakEven!.inferences).filter((n): n is number => n !== null && n > 0);
  const xMax = Math.max(100, ...finite.map((n) => n * 2));
  const line = (label: string, oneTime: number, gain: number, isBaseline = false) => ({
    label,
    isBaseline,
    points: [
      { x: 0, y: oneTime },
      { x: xMax, y: oneTime - xMax * gain },
    ],
  });
  return {
    xTitle: vscode.l10n.t('Inferences in one process'),
    yTitle: vscode.l10n.t('Extra time over the baseline (ms)'),
    lines: [
      line(vscode.l10n.t('baseline'), 0, 0, true),
      ...withCost.map((e) => line(e.label, e.breakEven!.oneTimeMs, e.breakEven!.gainMs)),
    ],
    crossovers: withCost
      .filter((e) => e.breakEven!.inferences !== null && e.breakEven!.inferences > 0)
      .map((e) => ({
        label: vscode.l10n.t('{0} pays off after {1} inferences', e.label, count(e.breakEven!.inferences!)),
        x: e.breakEven!.inferences!,
        y: 0,
      })),
  };
}

function noiseText(t: TargetSnapshot): string {
  const n = t.noiseFloor;
  if (!n) return vscode.l10n.t('Noise floor: not measured yet (the baseline runs twice per round).');
  if (!(n.lo > 1 / WIDE) || !(n.hi < WIDE))
    return vscode.l10n.t('Noise floor: {0} A/A pairs are too few to bound it yet.', n.pairs);
  return vscode.l10n.t(
    'Noise floor from {0} A/A pairs: identical runs differ by {1}–{2}; the shaded band.',
    n.pairs,
    ratioText(n.lo),
    ratioText(n.hi),
  );
}

function matrix(
  s: StudySnapshot,
  perTarget: Array<{ label: string; rows: CandidateResultView[] }>,
): MatrixView | null {
  if (perTarget.length < 2) return null;
  const candidates = s.definition.candidates.map((c) => c.label);
  return {
    candidates,
    rows: perTarget.map((t) => ({
      target: t.label,
      cells: candidates.map((label) => {
        const r = t.rows.find((x) => x.key === label);
        const verdict = r?.verdict ?? 'pending';
        return { ratio: r?.ratio ?? null, text: r?.ratioText ?? '–', verdict, glyph: GLYPHS[verdict] };
      }),
    })),
  };
}

function stateOf(s: StudySnapshot): { state: StudyView['state']; text: string } {
  if (s.phase === 'running') return { state: 'running', text: vscode.l10n.t('Running') };
  if (s.phase === 'stopping')
    return { state: 'stopping', text: vscode.l10n.t('Stopping after the current run…') };
  switch (s.stoppedBecause) {
    case 'settled':
      return { state: 'finished', text: vscode.l10n.t('Finished: the best is settled') };
    case 'budget':
      return { state: 'finished', text: vscode.l10n.t('Finished: the budget is spent') };
    case 'failed':
      return {
        state: 'failed',
        text: s.error ? vscode.l10n.t('Failed: {0}', s.error) : vscode.l10n.t('Failed'),
      };
    default:
      return { state: 'stopped', text: vscode.l10n.t('Stopped: Resume continues where it stopped') };
  }
}

function etaText(s: StudySnapshot): string {
  if (s.phase !== 'running') return '';
  const eta = Math.max(...s.targets.map((t) => t.etaMs ?? -1));
  if (eta < 0) return '';
  const min = eta / 60000;
  return min < 1
    ? vscode.l10n.t('under a minute left at most')
    : vscode.l10n.t('at most {0} min left', Math.ceil(min));
}

export interface ViewContext {
  engine: Engine | undefined;
  /** Display label of a record target name (`local`, `ssh:dest`). */
  targetLabel(name: string): string;
  program(name: string): string;
}

export function buildStudyView(s: StudySnapshot, ctx: ViewContext): StudyView {
  const def = s.definition;
  const running = s.phase !== 'stopped';
  const perTarget = s.targets.map((t) => {
    const entries = ranked(t, def);
    let rank = 0;
    const rows = entries.map((e) =>
      resultView(
        e,
        e.verdict === 'baseline' || e.verdict === 'dropped' || e.verdict === 'failed' || !e.estimate
          ? null
          : ++rank,
      ),
    );
    for (const x of t.excluded)
      if (!rows.some((r) => r.key === x.label))
        rows.push({
          key: x.label,
          label: x.label,
          flagsText: flagsText(def.candidates.find((c) => c.label === x.label)?.flags ?? {}),
          rank: null,
          ratio: null,
          lo: null,
          hi: null,
          ratioText: '–',
          intervalText: '',
          verdict: 'failed',
          verdictText: vscode.l10n.t('left out'),
          rounds: 0,
          breakEvenText: '–',
          reason: x.reason,
        });
    const view: StudyTargetView = {
      targetId: t.name,
      label: ctx.targetLabel(t.name),
      noiseBand: t.noiseFloor ? { lo: t.noiseFloor.lo, hi: t.noiseFloor.hi } : null,
      noiseText: noiseText(t),
      candidates: rows,
      recommendation: recommendation(t, entries, running, (flags) =>
        candidateCommand(ctx.engine, ctx.program(t.name), def, flags),
      ),
      breakEven: breakEvenChart(entries),
    };
    const closing = closingProfileView(t);
    if (closing) view.closingProfile = closing;
    return view;
  });
  const round = Math.max(0, ...s.targets.map((t) => t.round));
  const { state, text } = stateOf(s);
  return {
    id: s.id,
    state,
    stateText: text,
    round,
    roundText: def.budget.maxRounds
      ? vscode.l10n.t('Round {0} of at most {1}', round, def.budget.maxRounds)
      : vscode.l10n.t('Round {0}', round),
    etaText: etaText(s),
    // A study out of rounds or settled has nothing left to do; a stopped or killed one has.
    canResume:
      s.phase === 'stopped' &&
      (s.stoppedBecause === 'cancelled' || s.stoppedBecause === undefined) &&
      !s.id.startsWith('pending-'),
    targets: perTarget,
    matrix: matrix(
      s,
      perTarget.map((t) => ({ label: t.label, rows: t.candidates })),
    ),
  };
}

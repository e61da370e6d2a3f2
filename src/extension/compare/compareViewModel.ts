/**
 * Turns the core's comparison of runs (`compareRecords`) into the Compare panel's view model:
 * numbers formatted, verdicts put into words in the display language, chart series laid out. The
 * statistics are the core's; this module only says them.
 */
import { uiLang } from '../benchmark/benchmarkView';
import * as vscode from 'vscode';
import type { FlagValue } from '../../core/engine';
import type {
  CompareVerdict,
  PhaseCell,
  RunToRunBand,
  PhaseComparison,
  RecordComparison,
} from '../../core/records/compare';
import type { RunRecord } from '../../core/records/runRecord';
import { flagsText } from '../../core/records/runSummary';
import type { UiStrings } from '../../shared/protocol';
import type { CompareCellView, CompareViewModel } from '../../shared/compareProtocol';
import { formatMs, runStartText, statusText } from '../history/runItem';

export function phaseTitle(phase: PhaseComparison['phase']): string {
  switch (phase) {
    case 'load':
      return vscode.l10n.t('Load');
    case 'config':
      return vscode.l10n.t('Configuration');
    case 'warmup':
      return vscode.l10n.t('First warm-up');
    case 'inference':
      return vscode.l10n.t('Inference (mean)');
  }
}

function verdictText(verdict: CompareVerdict, phase: PhaseComparison['phase']): string {
  switch (verdict) {
    case 'baseline':
      return vscode.l10n.t('baseline');
    case 'faster':
      return vscode.l10n.t('faster');
    case 'slower':
      return vscode.l10n.t('slower');
    case 'no-difference':
      return vscode.l10n.t('not significant');
    case 'untested':
      return phase === 'inference'
        ? vscode.l10n.t('not tested: too few iterations')
        : vscode.l10n.t('not tested: a single value');
    case 'missing':
      return vscode.l10n.t('no value');
  }
}

function testText(p: PhaseComparison): string {
  const band = p.cells.find((c) => c.runToRun)?.runToRun;
  const base = testWords(p.test);
  if (p.phase !== 'inference' || !band || p.test === null || p.test === 'insufficient-data') return base;
  return vscode.l10n.t(
    '{0} on the iterations of each run; a difference is then called only when its interval lies beyond run-to-run noise ({1})',
    base,
    bandText(band),
  );
}

function testWords(test: PhaseComparison['test']): string {
  switch (test) {
    case 'welch':
      return vscode.l10n.t("Welch's t-test, 95% level");
    case 'welch+mann-whitney':
      return vscode.l10n.t(
        "Welch's t-test and Mann-Whitney U must agree (fewer than 10 iterations), 95% level",
      );
    case 'insufficient-data':
      return vscode.l10n.t('too few iterations to test');
    case null:
      return vscode.l10n.t('a single value per run: ratio only, no test');
  }
}

export const ratioText = (r: number): string => `×${r.toFixed(2)}`;

function deltaText(ms: number): string {
  // A real minus sign: the column is read as numbers, and "-" next to "+" looks like a dash.
  return `${ms >= 0 ? '+' : '−'}${formatMs(Math.abs(ms))}`;
}

function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** `×0.67–×1.50, assumed (no study has measured this target)` / `…, measured by a study`. */
function bandText(band: RunToRunBand): string {
  const range = `${ratioText(band.lo)}–${ratioText(band.hi)}`;
  return band.basis === 'study'
    ? vscode.l10n.t('{0}, measured by a study on this target', range)
    : vscode.l10n.t('{0}, assumed: no study has measured this target yet', range);
}

function cellView(cell: PhaseCell, phase: PhaseComparison['phase']): CompareCellView {
  const isBase = cell.verdict === 'baseline';
  const undecided = cell.iterationTestSaid !== undefined;
  let interval = '';
  if (!isBase && cell.ratioCi95) {
    interval = vscode.l10n.t('95% CI {0}–{1}', ratioText(cell.ratioCi95.low), ratioText(cell.ratioCi95.high));
  } else if (!isBase && cell.testable) {
    interval = vscode.l10n.t('95% CI unbounded');
  }
  const details: string[] = [];
  if (cell.pValue !== null) details.push(pText(cell.pValue));
  if (cell.rankPValue !== null) details.push(`U: ${pText(cell.rankPValue)}`);
  if (cell.highCv) details.push(vscode.l10n.t('high variation: re-run before trusting it'));
  if (undecided && cell.runToRun) {
    details.unshift(
      vscode.l10n.t(
        'the iterations alone say {0}, but identical runs differ by {1}',
        cell.iterationTestSaid === 'faster' ? vscode.l10n.t('faster') : vscode.l10n.t('slower'),
        bandText(cell.runToRun),
      ),
    );
  }
  return {
    runId: cell.runId,
    value: cell.valueMs === null ? '–' : formatMs(cell.valueMs),
    delta: isBase || cell.deltaMs === null ? '' : deltaText(cell.deltaMs),
    ratio: isBase || cell.ratio === null ? '' : ratioText(cell.ratio),
    interval,
    verdict: cell.verdict,
    verdictText: undecided
      ? vscode.l10n.t('cannot tell from one run each')
      : verdictText(cell.verdict, phase),
    ...(undecided ? { undecided: true } : {}),
    detail: details.join(' · '),
    highCv: cell.highCv,
  };
}

const flagValueText = (v: FlagValue | null): string => (v === null ? '–' : v === true ? '✓' : String(v));

/**
 * What names a run in the panel: its label, else its flags (what the user varies between runs).
 * Runs that would share a name get their start time appended, so legend and rows stay distinct.
 */
export function runTitles(records: readonly RunRecord[]): string[] {
  const base = records.map((r) => r.label ?? (flagsText(r.flags) || vscode.l10n.t('default flags')));
  return base.map((t, i) =>
    base.indexOf(t) !== base.lastIndexOf(t) ? `${t} · ${runStartText(records[i])}` : t,
  );
}

/** The core's notes name unlabelled runs by short id; the panel names them as its rows do. */
function nameRuns(note: string, cmp: RecordComparison, titles: string[]): string {
  return cmp.runs.reduce(
    (text, run, i) => (run.label === null ? text.split(run.id.slice(0, 8)).join(`“${titles[i]}”`) : text),
    note,
  );
}

/** `records` in the order `compareRecords` was given them (the comparison's run order). */
export function buildCompareViewModel(
  comparison: RecordComparison,
  records: readonly RunRecord[],
): CompareViewModel {
  let cmp = comparison;
  const byId = new Map(records.map((r) => [r.id, r]));
  const ordered = cmp.runs.map((info) => byId.get(info.id)!);
  const titles = runTitles(ordered);
  const runs = cmp.runs.map((info, i) => {
    const record = ordered[i];
    const flags = record.label ? ` · ${flagsText(record.flags) || vscode.l10n.t('default flags')}` : '';
    return {
      id: info.id,
      title: titles[i],
      subtitle: `${info.target}${flags} · ${runStartText(record)}`,
      status: info.status,
      statusText: statusText(info.status),
      isBaseline: info.isBaseline,
    };
  });
  // The phase that decides (steady-state inference) comes first, in the tables and the chart.
  const order = [...cmp.phases].sort(
    (a, b) => Number(b.phase === 'inference') - Number(a.phase === 'inference'),
  );
  cmp = { ...cmp, phases: order };
  const phases = cmp.phases.map((p) => ({
    phase: p.phase,
    title: phaseTitle(p.phase),
    test: testText(p),
    cells: p.cells.map((c) => cellView(c, p.phase)),
  }));
  const chart = {
    phases: cmp.phases.map((p) => phaseTitle(p.phase)),
    unit: 'ms',
    series: cmp.runs.map((info, i) => {
      const sd = byId.get(info.id)?.result?.phases.inference?.sdMs;
      return {
        runId: info.id,
        label: runs[i].title,
        values: cmp.phases.map((p) => p.cells[i].valueMs),
        sd: cmp.phases.map((p) =>
          p.phase === 'inference' && typeof sd === 'number' && Number.isFinite(sd) ? sd : null,
        ),
      };
    }),
  };
  return {
    baselineId: cmp.baselineId,
    runs,
    phases,
    chart,
    flagDifferences: cmp.flagDifferences.map((d) => ({
      flag: `--${d.flag}`,
      values: d.values.map(flagValueText),
    })),
    commonFlags: flagsText(cmp.commonFlags),
    notes: cmp.notes.map((n) => nameRuns(uiLang() === 'zh' ? n.zh : n.en, cmp, titles)),
    decide: cmp.undecided
      ? {
          runIds: cmp.undecided.runIds,
          text: vscode.l10n.t(
            'One run each cannot decide this: the iteration test says the difference is significant, but runs of identical settings differ this much from run to run. A study decides it: interleaved repeated runs of exactly these flag sets on this target, with a measured noise floor.',
          ),
        }
      : null,
  };
}

/** The panel's fixed texts, sent in `init` (the webview never localizes). */
export function compareUiStrings(): UiStrings {
  return {
    title: vscode.l10n.t('Compare runs'),
    baseline: vscode.l10n.t('Baseline'),
    baselineHint: vscode.l10n.t('Ratios and significance are against this run.'),
    runs: vscode.l10n.t('Runs'),
    chartTitle: vscode.l10n.t('Phase times (ms, logarithmic scale; error bars: ±1 sd of the iterations)'),
    chartLabel: vscode.l10n.t('Grouped bar chart of the phase times of each run'),
    tablesTitle: vscode.l10n.t('Phases against the baseline'),
    run: vscode.l10n.t('Run'),
    value: vscode.l10n.t('Time'),
    delta: vscode.l10n.t('Δ vs baseline'),
    ratio: vscode.l10n.t('Ratio'),
    interval: vscode.l10n.t('95% interval'),
    verdict: vscode.l10n.t('Verdict'),
    flagsTitle: vscode.l10n.t('Flags that differ'),
    flag: vscode.l10n.t('Flag'),
    noFlagDifferences: vscode.l10n.t('All runs use the same flags.'),
    commonFlags: vscode.l10n.t('Common to all runs:'),
    notesTitle: vscode.l10n.t('Read with care'),
    exportMd: vscode.l10n.t('Export Markdown'),
    exportCsv: vscode.l10n.t('Export CSV'),
    exportPng: vscode.l10n.t('Export chart as PNG'),
    exportFailed: vscode.l10n.t('Export failed:'),
    decideWithStudy: vscode.l10n.t('Decide with a study'),
    decideTitle: vscode.l10n.t('Undecided'),
  };
}

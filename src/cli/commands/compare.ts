/**
 * `lar-explorer compare ID ID... [--baseline ID]`: saved runs side by side against a baseline, per
 * phase, with ratio, 95% interval and significance for the timed iterations (records/compare.ts),
 * the flags that differ, and notes when the runs are not like for like.
 */
import type { Command } from 'commander';
import { localTimeText } from '../../core/localTime';
import {
  compareRecords,
  type CompareOptions,
  type ComparePhaseId,
  type CompareVerdict,
  type RecordComparison,
} from '../../core/records/compare';
import type { RunRecord } from '../../core/records/runRecord';
import { StudyStore } from '../../core/study/studyStore';
import { both, cliLanguage, say, type Bilingual, type CliLanguage } from '../cliLanguage';
import { statusIn } from '../cliTexts';
import { EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { linesForTerminal } from '../terminalText';
import { ms, renderTable } from '../textTable';
import { reportProblems, storeFor, workspaceRoot, WORKSPACE_OPTION_HELP } from '../workspace';
import { COMPARE_TEXTS as T } from './compareTexts';

export function registerCompareCommand(program: Command, ctx: CommandContext): void {
  program
    .command('compare')
    .description(
      'Compare saved runs against a baseline (ratios, 95% intervals, significance, flag differences).',
    )
    .argument('<ids...>', 'two or more run ids (or unique prefixes), as `list` shows them')
    .option(
      '--baseline <id>',
      'the run the others are compared to (default: the pinned baseline, else the first id)',
    )
    .option('--json', 'print the comparison as JSON')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .action(async (ids: string[], opts: { baseline?: string; json?: boolean; workspace?: string }) => {
      const store = storeFor(ctx.io, opts.workspace);
      const wanted = opts.baseline && !ids.includes(opts.baseline) ? [...ids, opts.baseline] : ids;
      // Ids resolved on the heads (one listing, the cache); only the compared files are read in
      // full. Skipped files are mentioned.
      const { records, problems } = await store.resolveMany(wanted);
      reportProblems(ctx.io, problems);
      const unique = records.filter((r, i) => records.findIndex((o) => o.id === r.id) === i);
      if (unique.length < 2) throw new UsageError(both(T.needsTwoRuns));
      const baselineId = opts.baseline ? records[wanted.indexOf(opts.baseline)]!.id : undefined;
      const noiseFloors = await latestNoiseFloors(
        StudyStore.forWorkspace(workspaceRoot(ctx.io, opts.workspace)),
        unique,
      );
      const comparison = compareRecords(unique, baselineId, { noiseFloors });
      ctx.io.out(
        opts.json
          ? JSON.stringify(comparison, null, 2) + '\n'
          : renderComparison(comparison, cliLanguage(ctx.io.env)),
      );
      ctx.setExitCode(EXIT_OK);
    });
}

/** Per target, the noise floor the latest study measured there (for this model when there is one). */
async function latestNoiseFloors(
  studies: StudyStore,
  records: readonly RunRecord[],
): Promise<NonNullable<CompareOptions['noiseFloors']>> {
  const floors: NonNullable<CompareOptions['noiseFloors']> = {};
  for (const target of new Set(records.map((r) => r.target))) {
    const model = records.find((r) => r.target === target)!.model.path;
    const found =
      (await studies.latestNoiseFloor(target, model).catch(() => null)) ??
      (await studies.latestNoiseFloor(target).catch(() => null));
    if (found) floors[target] = { lo: found.noiseFloor.lo, hi: found.noiseFloor.hi, studyId: found.studyId };
  }
  return floors;
}

const VERDICT_TEXT: Record<CompareVerdict, Bilingual> = {
  baseline: T.baseline,
  faster: T.faster,
  slower: T.slower,
  'no-difference': T.noDifference,
  untested: T.untested,
  missing: T.missing,
};

const PHASE_TEXT: Record<ComparePhaseId, Bilingual> = {
  load: T.phaseLoad,
  config: T.phaseConfig,
  warmup: T.phaseWarmup,
  inference: T.phaseInference,
};

export function renderComparison(c: RecordComparison, lang: CliLanguage = 'en'): string {
  const tag = (i: number): string => `#${i + 1}`;
  const t = (entry: Bilingual): string => say(lang, entry);
  const parts: string[] = [];
  parts.push(
    renderTable(
      [
        { header: t(T.colRun) },
        { header: t(T.colId) },
        { header: t(T.colStarted) },
        { header: t(T.colStatus) },
        { header: t(T.colTarget) },
        { header: t(T.colModel) },
        { header: t(T.colLabel) },
      ],
      c.runs.map((r, i) => [
        r.isBaseline ? `${tag(i)}*` : tag(i),
        r.id.slice(0, 8),
        localTimeText(r.startedAt),
        statusIn(lang, r.status),
        r.target,
        r.model,
        r.label ?? '',
      ]),
    ),
  );
  parts.push(t(T.baselineMark) + '\n\n');

  const right = { align: 'right' as const };
  const rows: string[][] = [];
  for (const phase of c.phases) {
    phase.cells.forEach((cell, i) => {
      const isBase = cell.verdict === 'baseline';
      rows.push([
        i === 0 ? (PHASE_TEXT[phase.phase] ? t(PHASE_TEXT[phase.phase]) : phase.label) : '',
        tag(i),
        ms(cell.valueMs),
        isBase || cell.deltaMs === null ? '' : `${cell.deltaMs >= 0 ? '+' : ''}${cell.deltaMs.toFixed(3)}`,
        isBase || cell.ratio === null ? '' : `×${cell.ratio.toFixed(3)}`,
        cell.ratioCi95 ? `[${cell.ratioCi95.low.toFixed(3)}, ${cell.ratioCi95.high.toFixed(3)}]` : '',
        cell.pValue === null ? '' : formatP(cell.pValue),
        t(VERDICT_TEXT[cell.verdict]) +
          (cell.verdict === 'untested' && phase.phase === 'inference' ? t(T.tooFewIterations) : '') +
          (cell.highCv ? t(T.highCv) : '') +
          (cell.iterationTestSaid && cell.runToRun
            ? say(lang, T.withinRunToRun, {
                lo: cell.runToRun.lo.toFixed(2),
                hi: cell.runToRun.hi.toFixed(2),
                basis:
                  cell.runToRun.basis === 'study'
                    ? say(lang, T.noiseMeasuredBy, { study: cell.runToRun.studyId?.slice(0, 8) ?? '' })
                    : t(T.noiseAssumed),
                said: t(VERDICT_TEXT[cell.iterationTestSaid]),
              })
            : ''),
      ]);
    });
  }
  parts.push(
    renderTable(
      [
        { header: t(T.colPhase) },
        { header: t(T.colRun) },
        { header: t(T.colMs), ...right },
        { header: t(T.colDeltaMs), ...right },
        { header: t(T.colRatio), ...right },
        { header: t(T.colCi) },
        { header: t(T.colP), ...right },
        { header: t(T.colVerdict) },
      ],
      rows,
    ),
  );
  const test = c.phases.find((p) => p.test)?.test;
  if (test) parts.push(t(test === 'welch' ? T.significanceWelch : T.significanceBoth) + '\n');

  if (c.flagDifferences.length > 0) {
    parts.push(`\n${t(T.flagsDiffer)}\n`);
    parts.push(
      renderTable(
        [{ header: t(T.colFlag) }, ...c.runs.map((_, i) => ({ header: tag(i) }))],
        c.flagDifferences.map((d) => [`--${d.flag}`, ...d.values.map((v) => (v === null ? '–' : String(v)))]),
      ),
    );
  } else {
    parts.push(`\n${t(T.sameFlags)}\n`);
  }
  if (c.notes.length > 0)
    parts.push('\n' + c.notes.map((n) => say(lang, T.note, { note: n[lang] }) + '\n').join(''));
  if (c.undecided) parts.push(`\n${say(lang, T.undecided, { suggestion: c.undecided.suggestion[lang] })}\n`);
  // Notes quote labels and model names from the records: neutralise what is not in a table.
  return linesForTerminal(parts.join(''));
}

function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/**
 * `lar-explorer compare ID ID... [--baseline ID]`: saved runs side by side against a baseline, per
 * phase, with ratio, 95% interval and significance for the timed iterations (records/compare.ts),
 * the flags that differ, and notes when the runs are not like for like.
 */
import type { Command } from 'commander';
import { localTimeText } from '../../core/localTime';
import { compareRecords, type CompareOptions, type RecordComparison } from '../../core/records/compare';
import type { RunRecord } from '../../core/records/runRecord';
import { StudyStore } from '../../core/study/studyStore';
import { EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { linesForTerminal } from '../terminalText';
import { ms, renderTable } from '../textTable';
import { reportProblems, storeFor, workspaceRoot, WORKSPACE_OPTION_HELP } from '../workspace';

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
      if (unique.length < 2) throw new UsageError('compare needs at least two different runs');
      const baselineId = opts.baseline ? records[wanted.indexOf(opts.baseline)]!.id : undefined;
      const noiseFloors = await latestNoiseFloors(
        StudyStore.forWorkspace(workspaceRoot(ctx.io, opts.workspace)),
        unique,
      );
      const comparison = compareRecords(unique, baselineId, { noiseFloors });
      ctx.io.out(opts.json ? JSON.stringify(comparison, null, 2) + '\n' : renderComparison(comparison));
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

const VERDICT_TEXT: Record<string, string> = {
  baseline: 'baseline',
  faster: 'FASTER',
  slower: 'SLOWER',
  'no-difference': 'no significant difference',
  untested: 'single value, not tested',
  missing: 'not measured',
};

export function renderComparison(c: RecordComparison): string {
  const tag = (i: number): string => `#${i + 1}`;
  const parts: string[] = [];
  parts.push(
    renderTable(
      [
        { header: 'run' },
        { header: 'id' },
        { header: 'started' },
        { header: 'status' },
        { header: 'target' },
        { header: 'model' },
        { header: 'label' },
      ],
      c.runs.map((r, i) => [
        r.isBaseline ? `${tag(i)}*` : tag(i),
        r.id.slice(0, 8),
        localTimeText(r.startedAt),
        r.status,
        r.target,
        r.model,
        r.label ?? '',
      ]),
    ),
  );
  parts.push('* baseline\n\n');

  const right = { align: 'right' as const };
  const rows: string[][] = [];
  for (const phase of c.phases) {
    phase.cells.forEach((cell, i) => {
      const isBase = cell.verdict === 'baseline';
      rows.push([
        i === 0 ? phase.label : '',
        tag(i),
        ms(cell.valueMs),
        isBase || cell.deltaMs === null ? '' : `${cell.deltaMs >= 0 ? '+' : ''}${cell.deltaMs.toFixed(3)}`,
        isBase || cell.ratio === null ? '' : `×${cell.ratio.toFixed(3)}`,
        cell.ratioCi95 ? `[${cell.ratioCi95.low.toFixed(3)}, ${cell.ratioCi95.high.toFixed(3)}]` : '',
        cell.pValue === null ? '' : formatP(cell.pValue),
        VERDICT_TEXT[cell.verdict]! +
          (cell.verdict === 'untested' && phase.phase === 'inference' ? ' (too few iterations)' : '') +
          (cell.highCv ? ' (high CV)' : '') +
          (cell.iterationTestSaid && cell.runToRun
            ? ` (within run-to-run noise ×${cell.runToRun.lo.toFixed(2)}–×${cell.runToRun.hi.toFixed(2)}, ` +
              `${cell.runToRun.basis === 'study' ? `measured by study ${cell.runToRun.studyId?.slice(0, 8) ?? ''}` : 'assumed: no study yet'}; ` +
              `iterations alone: ${cell.iterationTestSaid.toUpperCase()})`
            : ''),
      ]);
    });
  }
  parts.push(
    renderTable(
      [
        { header: 'phase' },
        { header: 'run' },
        { header: 'ms', ...right },
        { header: 'Δ ms', ...right },
        { header: 'ratio', ...right },
        { header: '95% CI' },
        { header: 'p', ...right },
        { header: 'verdict' },
      ],
      rows,
    ),
  );
  const test = c.phases.find((p) => p.test)?.test;
  if (test)
    parts.push(
      `significance: ${test === 'welch' ? "Welch's t-test" : "Welch's t-test and Mann-Whitney U must agree"}, alpha 0.05, on the iteration times\n`,
    );

  if (c.flagDifferences.length > 0) {
    parts.push('\nflags that differ:\n');
    parts.push(
      renderTable(
        [{ header: 'flag' }, ...c.runs.map((_, i) => ({ header: tag(i) }))],
        c.flagDifferences.map((d) => [`--${d.flag}`, ...d.values.map((v) => (v === null ? '–' : String(v)))]),
      ),
    );
  } else {
    parts.push('\nall runs use the same flags\n');
  }
  if (c.notes.length > 0) parts.push('\n' + c.notes.map((n) => `note: ${n.en}\n`).join(''));
  if (c.undecided) parts.push(`\nundecided: ${c.undecided.suggestion.en}\n`);
  // Notes quote labels and model names from the records: neutralise what is not in a table.
  return linesForTerminal(parts.join(''));
}

function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/**
 * `lar-explorer list`: the saved runs of a workspace, oldest first, one line each (or the summary
 * rows as JSON). Files that cannot be read are reported on stderr and skipped.
 */
import type { Command } from 'commander';
import { localTimeText } from '../../core/localTime';
import { summarizeRun } from '../../core/records/runSummary';
import { cliLanguage, say } from '../cliLanguage';
import { statusIn } from '../cliTexts';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../program';
import { ms, percent, renderTable } from '../textTable';
import { reportProblems, storeFor, WORKSPACE_OPTION_HELP } from '../workspace';
import { LIST_TEXTS as T } from './listTexts';

export function registerListCommand(program: Command, ctx: CommandContext): void {
  program
    .command('list')
    .description('List the saved runs of a workspace.')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'print the runs as JSON (one summary object per run, plus skipped files)')
    .action(async (opts: { workspace?: string; json?: boolean }) => {
      const store = storeFor(ctx.io, opts.workspace);
      // Heads only: the cache describes most files, and a row needs no iterations.
      const { heads, problems } = await store.heads();
      const rows = heads.map(summarizeRun);
      const lang = cliLanguage(ctx.io.env);
      if (opts.json) {
        ctx.io.out(JSON.stringify({ runs: rows, problems }, null, 2) + '\n');
      } else {
        reportProblems(ctx.io, problems);
        if (rows.length === 0) {
          ctx.io.err(say(lang, T.noRuns, { dir: store.dir }) + '\n');
        } else {
          const right = { align: 'right' as const };
          ctx.io.out(
            renderTable(
              [
                { header: say(lang, T.colId) },
                { header: say(lang, T.colTime) },
                { header: say(lang, T.colStatus) },
                { header: say(lang, T.colModel) },
                { header: say(lang, T.colTarget) },
                { header: say(lang, T.colMeanMs), ...right },
                { header: say(lang, T.colSd), ...right },
                { header: say(lang, T.colN), ...right },
                { header: say(lang, T.colCv), ...right },
                { header: say(lang, T.colLabelFlags) },
              ],
              rows.map((r) => [
                r.id.slice(0, 8),
                localTimeText(r.time),
                statusIn(lang, r.status),
                r.model,
                r.target,
                ms(r.meanMs),
                ms(r.sdMs),
                r.count === null ? '–' : String(r.count),
                percent(r.cv),
                r.label ? `${r.label}  ${r.flags}` : r.flags,
              ]),
            ),
          );
        }
      }
      ctx.setExitCode(EXIT_OK);
    });
}

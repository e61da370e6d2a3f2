/**
 * `lar-explorer list`: the saved runs of a workspace, oldest first, one line each (or the summary
 * rows as JSON). Files that cannot be read are reported on stderr and skipped.
 */
import type { Command } from 'commander';
import { localTimeText } from '../../core/localTime';
import { summarizeRun } from '../../core/records/runSummary';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../program';
import { ms, percent, renderTable } from '../textTable';
import { reportProblems, storeFor, WORKSPACE_OPTION_HELP } from '../workspace';

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
      if (opts.json) {
        ctx.io.out(JSON.stringify({ runs: rows, problems }, null, 2) + '\n');
      } else {
        reportProblems(ctx.io, problems);
        if (rows.length === 0) {
          ctx.io.err(`no saved runs in ${store.dir}\n`);
        } else {
          const right = { align: 'right' as const };
          ctx.io.out(
            renderTable(
              [
                { header: 'id' },
                { header: 'time' },
                { header: 'status' },
                { header: 'model' },
                { header: 'target' },
                { header: 'mean ms', ...right },
                { header: 'sd', ...right },
                { header: 'n', ...right },
                { header: 'CV', ...right },
                { header: 'label / flags' },
              ],
              rows.map((r) => [
                r.id.slice(0, 8),
                localTimeText(r.time),
                r.status,
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

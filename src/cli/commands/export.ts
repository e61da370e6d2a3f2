/**
 * `lar-explorer export [--format csv|md|json] [--out FILE] [ID...]`: the saved runs (all, or the
 * given ids/prefixes) as one table. Writes to stdout unless `--out` names a file. The format
 * defaults to the `--out` file's extension, else to Markdown (the one a terminal reads well).
 */
import { Option, type Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { EXPORT_FORMATS, exportRecords, type ExportFormat } from '../../core/records/export';
import { EXIT_OK } from '../exitCodes';
import type { CommandContext } from '../program';
import { reportProblems, storeFor, WORKSPACE_OPTION_HELP } from '../workspace';

export function registerExportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('Export saved runs as CSV, a Markdown table or JSON.')
    .argument('[ids...]', 'runs to export (ids or unique prefixes); default: all')
    .addOption(
      new Option('--format <format>', 'output format (default: from the --out extension, else md)').choices([
        ...EXPORT_FORMATS,
      ]),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .action(async (ids: string[], opts: { format?: ExportFormat; out?: string; workspace?: string }) => {
      const store = storeFor(ctx.io, opts.workspace);
      const { records, problems } = await store.list();
      reportProblems(ctx.io, problems);
      const chosen = ids.length === 0 ? records : await Promise.all(ids.map((id) => store.resolve(id)));
      const text = exportRecords(chosen, opts.format ?? formatOfFile(opts.out) ?? 'md');
      if (opts.out) {
        const path = resolve(ctx.io.cwd, opts.out);
        await writeFile(path, text, 'utf8');
        ctx.io.err(`wrote ${chosen.length} run${chosen.length === 1 ? '' : 's'} to ${path}\n`);
      } else {
        ctx.io.out(text);
      }
      ctx.setExitCode(EXIT_OK);
    });
}

/** `runs.csv` → csv, `table.markdown` → md; undefined for anything else. */
export function formatOfFile(file: string | undefined): ExportFormat | undefined {
  const ext = file ? extname(file).toLowerCase() : '';
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.md' || ext === '.markdown') return 'md';
  return undefined;
}

/**
 * `lar-explorer export [--format csv|md|json] [--out FILE [--force]] [ID...]`: the saved runs (all,
 * or the given ids/prefixes) as one table. Writes to stdout unless `--out` names a file; the format
 * defaults to the `--out` file's extension, else to Markdown (the one a terminal reads well). An existing
 * file is replaced only with --force, and never one inside the run records folder (a record there
 * would be destroyed): exporting is not a reason to lose a file.
 */
import { Option, type Command } from 'commander';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { createFileAtomic, FileExistsError, replaceFileAtomic } from '../../core/records/atomicFile';
import { EXPORT_FORMATS, exportRecords, type ExportFormat } from '../../core/records/export';
import { both, cliLanguage, say } from '../cliLanguage';
import { EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { reportProblems, storeFor, WORKSPACE_OPTION_HELP } from '../workspace';
import { EXPORT_TEXTS as T } from './exportTexts';

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
    .option('--out <file>', 'write to this file instead of stdout (a new file; see --force)')
    .option('--force', 'with --out: replace the file if it exists')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .action(async (ids: string[], opts: ExportOptions) => {
      const store = storeFor(ctx.io, opts.workspace);
      const out = opts.out === undefined ? undefined : resolve(ctx.io.cwd, opts.out);
      // Checked before anything is read, so a refused export costs nothing.
      if (out && (await isInside(store.dir, out)))
        throw new UsageError(both(T.outInsideRecords, { out: opts.out!, dir: store.dir }));
      // Summary rows need only the heads: no record is read in full.
      const { heads: chosen, problems } =
        ids.length === 0 ? await store.heads() : await store.resolveHeads(ids);
      reportProblems(ctx.io, problems);
      const text = exportRecords(chosen, opts.format ?? formatOfFile(opts.out) ?? 'md');
      if (out) {
        await writeExport(out, opts.out!, text, opts.force === true);
        const wrote = chosen.length === 1 ? T.wroteOne : T.wroteMany;
        ctx.io.err(say(cliLanguage(ctx.io.env), wrote, { count: chosen.length, path: out }) + '\n');
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

interface ExportOptions {
  format?: ExportFormat;
  out?: string;
  force?: boolean;
  workspace?: string;
}

/** Lexically or through symlinks (the folder's real path), `path` is inside `dir`. */
async function isInside(dir: string, path: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => fs.realpath(p).catch(() => p);
  const [realDir, realParent] = await Promise.all([real(dir), real(dirname(path))]);
  return [relative(resolve(dir), path), relative(realDir, join(realParent, basename(path)))].some(
    (rel) => rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)),
  );
}

/** A new file, atomically; an existing regular file only with --force; a pipe or device as named. */
async function writeExport(path: string, shown: string, text: string, force: boolean): Promise<void> {
  const st = await fs.stat(path).catch(() => null);
  if (st && !st.isFile()) {
    if (st.isDirectory()) throw new UsageError(both(T.outIsFolder, { out: shown }));
    await fs.writeFile(path, text, 'utf8'); // /dev/stdout, a FIFO: the user asked for exactly this
    return;
  }
  try {
    if (st && force) await replaceFileAtomic(path, text);
    else await createFileAtomic(path, text);
  } catch (err) {
    if (err instanceof FileExistsError) throw new UsageError(both(T.outExists, { out: shown }));
    throw err;
  }
}

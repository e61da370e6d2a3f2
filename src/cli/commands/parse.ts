/**
 * `lar-explorer parse [FILE|-]`: read a captured load_and_run log (a file, or stdin) and print the
 * parsed-result JSON, the public contract of issue #3. Works on merged captures (stdout + stderr).
 * Streams: the log is read in chunks into the parser and the iterations are written as they are
 * visited, so memory does not grow with the log (issue #15; `npm run bench:parse`).
 */
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { allEngines, engineById } from '../../core/engines/registry';
import { both, cliLanguage, say } from '../cliLanguage';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { writeResultJson } from '../resultJson';
import { PARSE_TEXTS as T } from './parseTexts';

export function registerParseCommand(program: Command, ctx: CommandContext): void {
  program
    .command('parse')
    .description('Parse a captured load_and_run log and print the result as JSON.')
    .argument('[file]', 'log file to read; "-" or nothing reads stdin')
    .option(
      '--engine <id>',
      `engine whose output this is: ${allEngines()
        .map((e) => e.id)
        .join(', ')}`,
      allEngines()[0]?.id,
    )
    .option('--compact', 'print the JSON on one line')
    .action(async (file: string | undefined, opts: { engine: string; compact?: boolean }) => {
      const engine = engineById(opts.engine);
      if (!engine) throw new UsageError(both(T.unknownEngine, { engine: opts.engine }));
      const lang = cliLanguage(ctx.io.env);
      const shown = file ?? say(lang, T.stdin);
      const parser = engine.createParser();
      const source =
        file === undefined || file === '-'
          ? ctx.io.stdinChunks()
          : await openLog(resolve(ctx.io.cwd, file), file);
      try {
        for await (const chunk of source) parser.push(chunk);
      } catch (err) {
        const reason = (err as Error).message;
        throw new UsageError(both(T.cannotRead, { file: file ?? T.stdin, reason }));
      }
      parser.end();
      const { result, iterationCount } = writeResultJson(parser, !opts.compact, (s) => ctx.io.out(s));
      // A log with nothing measured (--help output, another program's log) is not a silent success.
      const measuredNothing =
        iterationCount === 0 &&
        result.phases.loadMs === null &&
        result.phases.inference === null &&
        result.phases.warmupMs.length === 0;
      if (measuredNothing) {
        ctx.io.err(say(lang, T.measuredNothing, { engine: engine.displayName, file: shown }) + '\n');
      }
      ctx.setExitCode(measuredNothing ? EXIT_FAILED : EXIT_OK);
    });
}

/** The log as UTF-8 text chunks (a character split between two reads is decoded whole). */
async function openLog(path: string, shown: string): Promise<AsyncIterable<string>> {
  try {
    // Checked first so a missing file or a folder is a clear usage error, not a stream error later.
    if ((await stat(path)).isDirectory())
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? T.noSuchFile : code === 'EISDIR' ? T.isFolder : (err as Error).message;
    throw new UsageError(both(T.cannotRead, { file: shown, reason }));
  }
  // 64 KiB reads: bigger chunks are big young-generation strings, and peak RSS follows them.
  return createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
}

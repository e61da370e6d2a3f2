/**
 * `lar-explorer parse [FILE|-]`: read a captured load_and_run log (a file, or stdin) and print the
 * parsed-result JSON, the public contract of issue #3. Works on merged captures (stdout + stderr).
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { allEngines, engineById } from '../../core/engines/registry';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';

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
      if (!engine) throw new UsageError(`unknown engine "${opts.engine}"`);
      const text =
        file === undefined || file === '-'
          ? await ctx.io.readStdin()
          : await readLog(resolve(ctx.io.cwd, file), file);
      const parser = engine.createParser();
      parser.push(text);
      parser.end();
      const result = parser.result();
      ctx.io.out(JSON.stringify(result, null, opts.compact ? undefined : 2) + '\n');
      // A log with nothing measured (--help output, another program's log) is not a silent success.
      const measuredNothing =
        result.iterations.length === 0 &&
        result.phases.loadMs === null &&
        result.phases.inference === null &&
        result.phases.warmupMs.length === 0;
      if (measuredNothing) {
        ctx.io.err(
          `warning: no ${engine.displayName} measurements in ${file ?? 'stdin'} (no load time, warm-up or iterations): is it the output of a run?\n`,
        );
      }
      ctx.setExitCode(measuredNothing ? EXIT_FAILED : EXIT_OK);
    });
}

async function readLog(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new UsageError(`cannot read log ${shown}: ${why}`);
  }
}

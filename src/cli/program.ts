/**
 * The `lar-explorer` command tree (commander) and `main(argv, io)`, which runs one invocation and
 * returns its exit code. Each command lives in `commands/`; this file only wires them up and turns
 * errors into messages and exit codes (see exitCodes.ts).
 */
import { Command, CommanderError } from 'commander';
import { TOOL_NAME, TOOL_VERSION } from '../core/version';
import { processIo, type CliIo } from './cliIo';
import { registerCompareCommand } from './commands/compare';
import { registerExportCommand } from './commands/export';
import { registerExploreCommand } from './commands/explore';
import { registerListCommand } from './commands/list';
import { registerParseCommand } from './commands/parse';
import { registerProfileCommand } from './commands/profile';
import { registerRunCommand } from './commands/run';
import { registerTargetsCommand } from './commands/targets';
import { describeCliError } from './cliErrors';
import { cliLanguage } from './runReport';
import { linesForTerminal } from './terminalText';
import { EXIT_OK, EXIT_USAGE } from './exitCodes';

/** What every command registration receives: the world (io) and where to put its exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command(TOOL_NAME)
    .description(
      'Benchmark MegEngine models with load_and_run (locally or on boards over SSH) and ONNX models with the embedded ONNX Runtime, and keep every run.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showSuggestionAfterError()
    .showHelpAfterError(`(run "${TOOL_NAME} --help" for usage)`)
    .helpCommand(true);
  // Subcommands copy the settings above (exit override, output) when created after them.
  registerParseCommand(program, ctx);
  registerRunCommand(program, ctx);
  registerTargetsCommand(program, ctx);
  registerListCommand(program, ctx);
  registerCompareCommand(program, ctx);
  registerExportCommand(program, ctx);
  registerExploreCommand(program, ctx);
  registerProfileCommand(program, ctx);
  return program;
}

/** Run one CLI invocation; `argv` excludes node and the script. Never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram({ io, setExitCode: (code) => void (exitCode = code) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help, `help CMD` and --version end through the override with exit code 0: successes.
      // Anything else (unknown option, missing argument, no command given) commander has already
      // explained on stderr: a usage error.
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const { message, exitCode: code } = describeCliError(err, cliLanguage(io.env));
    // Messages quote ids, file names and record text: shown, never obeyed by the terminal.
    io.err(`${TOOL_NAME}: ${linesForTerminal(message)}\n`);
    return code;
  }
}

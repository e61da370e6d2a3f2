/**
 * The `lar-explorer` command tree (commander) and `main(argv, io)`, which runs one invocation and
 * returns its exit code. Each command lives in `commands/`; this file only wires them up and turns
 * errors into messages and exit codes (see exitCodes.ts).
 */
import { Command, CommanderError } from 'commander';
import { TOOL_NAME, TOOL_VERSION } from '../core/version';
import { processIo, type CliIo } from './cliIo';
import { describeCliError } from './cliErrors';
import { cliLanguage } from './runReport';
import { linesForTerminal } from './terminalText';
import { EXIT_OK, EXIT_USAGE } from './exitCodes';

/** What every command registration receives: the world (io) and where to put its exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode(code: number): void;
}

type Register = (program: Command, ctx: CommandContext) => void;

/**
 * Every command, in the order `--help` lists them, with how to load its module. Loaded on demand:
 * `run` must not pay for the study, profile or history code (and their schemas) it never calls,
 * and the bundle (scripts/build.mjs) splits along these imports.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['parse', async () => (await import('./commands/parse')).registerParseCommand],
  ['run', async () => (await import('./commands/run')).registerRunCommand],
  ['targets', async () => (await import('./commands/targets')).registerTargetsCommand],
  ['list', async () => (await import('./commands/list')).registerListCommand],
  ['compare', async () => (await import('./commands/compare')).registerCompareCommand],
  ['export', async () => (await import('./commands/export')).registerExportCommand],
  ['explore', async () => (await import('./commands/explore')).registerExploreCommand],
  ['profile', async () => (await import('./commands/profile')).registerProfileCommand],
];

/**
 * The commands an invocation can reach: the one it names (`run …`, `help run`), else all of them
 * (top-level help, a typo that deserves a suggestion, no command at all).
 */
export function commandsFor(argv: readonly string[]): string[] {
  const names = COMMANDS.map(([name]) => name);
  const named = argv[0] === 'help' ? argv[1] : argv[0];
  return named !== undefined && names.includes(named) ? [named] : names;
}

export async function buildProgram(ctx: CommandContext, argv: readonly string[] = []): Promise<Command> {
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
  const wanted = new Set(commandsFor(argv));
  const registers = await Promise.all(
    COMMANDS.filter(([name]) => wanted.has(name)).map(([, load]) => load()),
  );
  // Subcommands copy the settings above (exit override, output) when created after them.
  for (const register of registers) register(program, ctx);
  return program;
}

/** Run one CLI invocation; `argv` excludes node and the script. Never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    const program = await buildProgram({ io, setExitCode: (code) => void (exitCode = code) }, argv);
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

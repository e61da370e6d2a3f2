/**
 * `lar-explorer targets [--ssh-config FILE] [--check DEST] [--lar PATH]`: the SSH hosts of the
 * user's OpenSSH config, or a check of one destination: reachable, load_and_run version, arch,
 * cores, and which catalogue flags that target's binary lacks (from its own --help).
 */
import type { Command } from 'commander';
import { engineForTargetChecks } from '../../core/engines/registry';
import { createRunner, runnerTargetOf } from '../../core/runners/createRunner';
import { checkTarget } from '../../core/runners/targetCheck';
import { factsFromCheck } from '../../core/runners/targetFacts';
import { CLI_PROGRAM_HINT } from '../cliHints';
import { defaultSshConfigPath, destinationProblemText, listSshHosts } from '../../core/runners/sshTargets';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { displayWidth, renderTable } from '../textTable';
import { both, cliLanguage, say, type Bilingual, type CliLanguage } from '../cliLanguage';
import { TARGETS_TEXTS as T } from './targetsTexts';

interface TargetsOptions {
  sshConfig?: string;
  check?: string;
  lar?: string;
  json?: boolean;
}

export function registerTargetsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('targets')
    .description('List SSH targets from your OpenSSH config, or check one with --check.')
    .option('--ssh-config <file>', 'OpenSSH config file (default ~/.ssh/config)')
    .option(
      '--check <dest>',
      'check a destination ("local" for this machine): reachable, load_and_run version, arch, cores, missing flags',
    )
    .option(
      '--lar <path>',
      'load_and_run on the target, for --check (default $LAR_EXPLORER_LAR, else load_and_run on PATH)',
    )
    .option('--json', 'print JSON')
    .action(async (opts: TargetsOptions) => {
      ctx.setExitCode(opts.check ? await check(ctx, opts.check, opts) : await list(ctx, opts));
    });
}

async function list(ctx: CommandContext, opts: TargetsOptions): Promise<number> {
  const lang = cliLanguage(ctx.io.env);
  const file = opts.sshConfig ?? defaultSshConfigPath();
  // A file the user named must exist: "no host aliases" would hide a typo in the path.
  if (opts.sshConfig !== undefined && !(await isFile(resolve(ctx.io.cwd, file))))
    throw new UsageError(both(T.noSuchSshConfig, { file }));
  const hosts = await listSshHosts(file);
  if (opts.json) {
    ctx.io.out(JSON.stringify({ config: file, hosts }, null, 2) + '\n');
  } else if (hosts.length === 0) {
    ctx.io.err(say(lang, T.noHosts, { file }) + '\n');
  } else {
    ctx.io.out(
      renderTable(
        [
          { header: say(lang, T.colAlias) },
          { header: say(lang, T.colHost) },
          { header: say(lang, T.colUser) },
          { header: say(lang, T.colPort), align: 'right' },
        ],
        hosts.map((h) => [
          h.alias,
          h.hostName ?? '',
          h.user ?? '',
          h.port === undefined ? '' : String(h.port),
        ]),
      ),
    );
  }
  return EXIT_OK;
}

async function check(ctx: CommandContext, dest: string, opts: TargetsOptions): Promise<number> {
  const local = dest === 'local';
  if (!local) {
    const problem = destinationProblemText(dest);
    if (problem) throw new UsageError(problem);
  }
  const engine = engineForTargetChecks();
  if (!engine || engine.program.kind !== 'binary') throw new UsageError(both(T.noEngineToCheck));
  const runner = createRunner(runnerTargetOf(dest, opts.sshConfig), { programHint: CLI_PROGRAM_HINT });
  const lar = opts.lar ?? ctx.io.env.LAR_EXPLORER_LAR ?? engine.program.name;
  try {
    const result = await checkTarget(runner, lar);
    const facts = factsFromCheck(result, engine, new Date().toISOString());
    const missing = result.helpText ? (facts.missingFlags ?? []) : null;
    if (opts.json) {
      const { helpText, ...rest } = result;
      void helpText;
      ctx.io.out(
        JSON.stringify({ target: runner.target, lar, ...rest, missingFlags: missing }, null, 2) + '\n',
      );
    } else {
      const lang = cliLanguage(ctx.io.env);
      const line = (label: Bilingual, value: string | Bilingual, vars = {}): string =>
        labelled(say(lang, label, vars), typeof value === 'string' ? value : say(lang, value));
      const lines = [
        line(T.target, runner.target),
        line(T.reachable, result.reachable ? T.yes : T.no),
        ...(result.arch ? [line(T.arch, result.arch)] : []),
        ...(result.cores ? [line(T.cores, String(result.cores))] : []),
        line(
          T.tool,
          result.larVersion ? say(lang, T.version, { program: lar, version: result.larVersion }) : lar,
          { tool: engine.program.name },
        ),
        ...(missing
          ? [line(T.lacksFlags, missing.length === 0 ? T.none : missing.map((f) => `--${f}`).join(' '))]
          : []),
        ...(result.error ? [line(T.problem, problemIn(result, lang))] : []),
      ];
      ctx.io.out(lines.join('\n') + '\n');
    }
    return result.reachable && !result.error ? EXIT_OK : EXIT_FAILED;
  } finally {
    await runner.dispose();
  }
}

/** A check's line: the label padded to 12 terminal columns (a longer one is followed by one space). */
function labelled(label: string, value: string): string {
  return `${label}${' '.repeat(Math.max(0, 12 - displayWidth(label)))} ${value}`;
}

/** Runner errors carry Chinese (errorZh); other problems are English only. */
function problemIn(r: { error?: string; errorZh?: string }, lang: CliLanguage): string {
  return (lang === 'zh' ? r.errorZh : undefined) ?? r.error ?? '';
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (st) => st.isFile(),
    () => false,
  );
}

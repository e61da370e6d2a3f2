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
import { defaultSshConfigPath, destinationProblem, listSshHosts } from '../../core/runners/sshTargets';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import { renderTable } from '../textTable';
import { cliLanguage, type CliLanguage } from '../runReport';

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
  const file = opts.sshConfig ?? defaultSshConfigPath();
  // A file the user named must exist: "no host aliases" would hide a typo in the path.
  if (opts.sshConfig !== undefined && !(await isFile(resolve(ctx.io.cwd, file))))
    throw new UsageError(`--ssh-config ${file}: no such file`);
  const hosts = await listSshHosts(file);
  if (opts.json) {
    ctx.io.out(JSON.stringify({ config: file, hosts }, null, 2) + '\n');
  } else if (hosts.length === 0) {
    ctx.io.err(
      `no host aliases in ${file}; any ssh destination works with --target (user@host, ssh://user@host:port)\n`,
    );
  } else {
    ctx.io.out(
      renderTable(
        [{ header: 'alias' }, { header: 'host' }, { header: 'user' }, { header: 'port', align: 'right' }],
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
    const problem = destinationProblem(dest);
    if (problem) throw new UsageError(problem);
  }
  const engine = engineForTargetChecks();
  if (!engine || engine.program.kind !== 'binary') throw new UsageError('no engine has a program to check');
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
      const lines = [
        `target:      ${runner.target}`,
        `reachable:   ${result.reachable ? 'yes' : 'no'}`,
        ...(result.arch ? [`arch:        ${result.arch}`] : []),
        ...(result.cores ? [`cores:       ${result.cores}`] : []),
        `load_and_run: ${lar}${result.larVersion ? ` (version ${result.larVersion})` : ''}`,
        ...(missing
          ? [`lacks flags: ${missing.length === 0 ? 'none' : missing.map((f) => `--${f}`).join(' ')}`]
          : []),
        ...(result.error ? [`problem:     ${problemIn(result, cliLanguage(ctx.io.env))}`] : []),
      ];
      ctx.io.out(lines.join('\n') + '\n');
    }
    return result.reachable && !result.error ? EXIT_OK : EXIT_FAILED;
  } finally {
    await runner.dispose();
  }
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

/**
 * `lar-explorer profile RUN|FILE [--vs RUN|FILE] [--by op|type] [--top N] [--json|--csv]`: where a
 * run's time goes, per operator or per type, from its load_and_run `--profile` JSON or ONNX Runtime
 * trace; with `--vs`, what changed between two profiles (core/profile). RUN is a saved run id (or
 * unique prefix) whose artifacts include a profile; anything that names an existing file is a FILE.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  diffProfiles,
  profilePathOf,
  profileReadOptionsOf,
  readProfileFile,
  type OperatorProfile,
} from '../../core/profile';
import { EXIT_OK, UsageError } from '../exitCodes';
import type { CommandContext } from '../program';
import {
  profileCsv,
  profileDiffCsv,
  renderProfile,
  renderProfileDiff,
  type ProfileView,
} from '../profileReport';
import { storeFor, WORKSPACE_OPTION_HELP, workspaceRoot } from '../workspace';

interface ProfileOptions {
  vs?: string;
  by: string;
  top: string;
  json?: boolean;
  csv?: boolean;
  warmupRuns?: string;
  workspace?: string;
}

export function registerProfileCommand(program: Command, ctx: CommandContext): void {
  program
    .command('profile')
    .description(
      "Where a run's time goes, per operator or per type; with --vs, what changed between two profiles.",
    )
    .argument('<run-or-file>', 'a saved run id (or unique prefix) that has a profile, or a profile file')
    .option('--vs <run-or-file>', 'the profile to compare against (the "before" side)')
    .option('--by <op|type>', 'one row per operator or per operator type', 'op')
    .option('--top <n>', 'rows to show (0: all)', '20')
    .option('--json', 'print the whole profile (or diff) as JSON')
    .option('--csv', 'print the rows as CSV')
    .option(
      '--warmup-runs <n>',
      'ONNX Runtime traces: leading runs to leave out (default: the run\u2019s --warmup-iter, or 1 for a file)',
    )
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .action(async (target: string, opts: ProfileOptions) => {
      if (opts.json && opts.csv) throw new UsageError('choose one of --json and --csv');
      if (opts.by !== 'op' && opts.by !== 'type')
        throw new UsageError(`--by takes op or type, not '${opts.by}'`);
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 0)
        throw new UsageError(`--top takes a whole number, not '${opts.top}'`);
      const warmup = opts.warmupRuns === undefined ? undefined : Number(opts.warmupRuns);
      if (warmup !== undefined && !(Number.isInteger(warmup) && warmup >= 0)) {
        throw new UsageError(`--warmup-runs takes a whole number, not '${opts.warmupRuns}'`);
      }
      const view: ProfileView = { by: opts.by, top };
      const after = await load(ctx, target, opts.workspace, warmup);
      if (opts.vs === undefined) {
        const out = opts.json
          ? JSON.stringify({ source: after.label, ...after.profile }, null, 2) + '\n'
          : opts.csv
            ? profileCsv(after.profile, view)
            : renderProfile(after.label, after.profile, view);
        ctx.io.out(out);
      } else {
        const before = await load(ctx, opts.vs, opts.workspace, warmup);
        const diff = diffProfiles(before.profile, after.profile);
        const out = opts.json
          ? JSON.stringify({ before: before.label, after: after.label, ...diff }, null, 2) + '\n'
          : opts.csv
            ? profileDiffCsv(diff, view)
            : renderProfileDiff(before.label, after.label, diff, view);
        ctx.io.out(out);
      }
      ctx.setExitCode(EXIT_OK);
    });
}

/** A file when the argument names one, else a run id whose record has a profile. */
async function load(
  ctx: CommandContext,
  target: string,
  workspace: string | undefined,
  warmup: number | undefined,
): Promise<{ label: string; profile: OperatorProfile }> {
  const asFile = resolve(ctx.io.cwd, target);
  if (await isFile(asFile)) {
    return { label: target, profile: await readProfileFile(asFile, { warmupRuns: warmup ?? 1 }) };
  }
  if (/[\\/]|\.json$/i.test(target)) throw new UsageError(`no such profile file: ${target}`);
  const record = await storeFor(ctx.io, workspace).resolve(target);
  const file = profilePathOf(record, workspaceRoot(ctx.io, workspace));
  if (!file) {
    throw new UsageError(
      `run ${record.id.slice(0, 8)} has no profile: run it again with --profile FILE (profiling slows the run)`,
    );
  }
  if (!(await isFile(file))) throw new UsageError(`run ${record.id.slice(0, 8)}'s profile is gone: ${file}`);
  const options = profileReadOptionsOf(record);
  const profile = await readProfileFile(
    file,
    warmup === undefined ? options : { ...options, warmupRuns: warmup },
  );
  return { label: `run ${record.id.slice(0, 8)}${record.label ? ` (${record.label})` : ''}`, profile };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

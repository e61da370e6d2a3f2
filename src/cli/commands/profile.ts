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
import { both, cliLanguage, type Bilingual } from '../cliLanguage';
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
import { PROFILE_TEXTS as T } from './profileTexts';

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
      if (opts.json && opts.csv) throw new UsageError(both(T.jsonOrCsv));
      if (opts.by !== 'op' && opts.by !== 'type')
        throw new UsageError(both(T.byOpOrType, { value: opts.by }));
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 0)
        throw new UsageError(both(T.wholeNumber, { option: '--top', value: opts.top }));
      const warmup = opts.warmupRuns === undefined ? undefined : Number(opts.warmupRuns);
      if (warmup !== undefined && !(Number.isInteger(warmup) && warmup >= 0)) {
        throw new UsageError(both(T.wholeNumber, { option: '--warmup-runs', value: opts.warmupRuns! }));
      }
      const lang = cliLanguage(ctx.io.env);
      const view: ProfileView = { by: opts.by, top };
      const after = await load(ctx, target, opts.workspace, warmup);
      if (opts.vs === undefined) {
        // --json names its source in English whatever the language: it is read by programs.
        const out = opts.json
          ? JSON.stringify({ source: after.label.en, ...after.profile }, null, 2) + '\n'
          : opts.csv
            ? profileCsv(after.profile, view)
            : renderProfile(after.label[lang], after.profile, view, lang);
        ctx.io.out(out);
      } else {
        const before = await load(ctx, opts.vs, opts.workspace, warmup);
        const diff = diffProfiles(before.profile, after.profile);
        const out = opts.json
          ? JSON.stringify({ before: before.label.en, after: after.label.en, ...diff }, null, 2) + '\n'
          : opts.csv
            ? profileDiffCsv(diff, view)
            : renderProfileDiff(before.label[lang], after.label[lang], diff, view, lang);
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
): Promise<{ label: Bilingual; profile: OperatorProfile }> {
  const asFile = resolve(ctx.io.cwd, target);
  if (await isFile(asFile)) {
    return {
      label: { en: target, zh: target },
      profile: await readProfileFile(asFile, { warmupRuns: warmup ?? 1 }),
    };
  }
  if (/[\\/]|\.json$/i.test(target)) throw new UsageError(both(T.noSuchFile, { file: target }));
  const record = await storeFor(ctx.io, workspace).resolve(target);
  const file = profilePathOf(record, workspaceRoot(ctx.io, workspace));
  const id = record.id.slice(0, 8);
  if (!file) throw new UsageError(both(T.runHasNoProfile, { id }));
  if (!(await isFile(file))) throw new UsageError(both(T.profileGone, { id, file }));
  const options = profileReadOptionsOf(record);
  const profile = await readProfileFile(
    file,
    warmup === undefined ? options : { ...options, warmupRuns: warmup },
  );
  const label = record.label ? both(T.runLabelled, { id, label: record.label }) : both(T.run, { id });
  return { label, profile };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

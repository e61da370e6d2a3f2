/**
 * The workspace folder a CLI command works in: `--workspace DIR` (default: the current directory).
 * Apart from workspace.ts (which opens the record store there) so a command that only needs the
 * folder, `run` without --save, does not load the store and its record schemas.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './cliIo';
import { both } from './cliLanguage';
import { CLI_TEXTS } from './cliTexts';
import { UsageError } from './exitCodes';

export const WORKSPACE_OPTION_HELP =
  'workspace folder whose .lar-explorer/runs/ holds the records (default: current directory)';

export function workspaceRoot(io: CliIo, workspace: string | undefined): string {
  const root = resolve(io.cwd, workspace ?? '.');
  // A mistyped --workspace would otherwise read as "no runs", or `--save` would create the typo.
  if (workspace !== undefined && !isDirectory(root))
    throw new UsageError(both(CLI_TEXTS.noSuchWorkspace, { workspace, path: root }));
  return root;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

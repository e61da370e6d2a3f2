/**
 * Where the CLI finds run records: `--workspace DIR` (default: the current directory), then
 * `<DIR>/.lar-explorer/runs/`, the same folder the extension uses for that workspace.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './exitCodes';
import { RecordStore } from '../core/records/recordStore';
import type { CliIo } from './cliIo';
import { forTerminal } from './terminalText';

export const WORKSPACE_OPTION_HELP =
  'workspace folder whose .lar-explorer/runs/ holds the records (default: current directory)';

export function workspaceRoot(io: CliIo, workspace: string | undefined): string {
  const root = resolve(io.cwd, workspace ?? '.');
  // A mistyped --workspace would otherwise read as "no runs", or `--save` would create the typo.
  if (workspace !== undefined && !isDirectory(root))
    throw new UsageError(`--workspace ${workspace}: no such folder (${root})`);
  return root;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function storeFor(io: CliIo, workspace: string | undefined): RecordStore {
  return RecordStore.forWorkspace(workspaceRoot(io, workspace));
}

/** Unreadable record files are not fatal for list/compare/export: say which and why, carry on. */
export function reportProblems(io: CliIo, problems: ReadonlyArray<{ file: string; reason: string }>): void {
  // A file name in a shared folder is data too: it may hold escape sequences.
  for (const p of problems) io.err(`warning: skipped ${forTerminal(p.file)}: ${forTerminal(p.reason)}\n`);
}

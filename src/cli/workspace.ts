/**
 * Where the CLI finds run records: `--workspace DIR` (default: the current directory), then
 * `<DIR>/.lar-explorer/runs/`, the same folder the extension uses for that workspace.
 */
import { RecordStore } from '../core/records/recordStore';
import type { CliIo } from './cliIo';
import { cliLanguage, say } from './cliLanguage';
import { CLI_TEXTS } from './cliTexts';
import { forTerminal } from './terminalText';
import { workspaceRoot } from './workspaceRoot';

export { WORKSPACE_OPTION_HELP, workspaceRoot } from './workspaceRoot';

export function storeFor(io: CliIo, workspace: string | undefined): RecordStore {
  return RecordStore.forWorkspace(workspaceRoot(io, workspace));
}

/** Unreadable record files are not fatal for list/compare/export: say which and why, carry on. */
export function reportProblems(
  io: CliIo,
  problems: ReadonlyArray<{ file: string; reason: string; partial?: boolean }>,
): void {
  // A file name in a shared folder is data too: it may hold escape sequences. A partial problem's
  // record is listed (its iterations table is what could not be read): not "skipped".
  const lang = cliLanguage(io.env);
  for (const p of problems) {
    const entry = p.partial ? CLI_TEXTS.filePartlyRead : CLI_TEXTS.fileSkipped;
    io.err(say(lang, entry, { file: forTerminal(p.file), reason: forTerminal(p.reason) }) + '\n');
  }
}

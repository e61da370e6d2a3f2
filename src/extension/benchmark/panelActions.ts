/**
 * What the Benchmark panel asks for beside its state: pick input files, read a pasted command line,
 * open a saved record, and the gate's fix-it buttons (trust, settings). Dialogs, commands and one
 * engine call; the panel's state stays in the panel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordFileName } from '../../core/records/recordNames';
import type { RecordStore } from '../../core/records/recordStore';
import type { RunRecord } from '../../core/records/runRecord';
import type { Engine, FlagSet } from '../../core/engine';
import type { HostAction, PasteNotes } from '../../shared/benchmarkProtocol';
import { modelArgFor, workspaceRootFor } from './runService';

/** Data files beside the model, as the command line names them (workspace-relative when inside). */
export async function pickInputFiles(modelUri: vscode.Uri, extensions: string[]): Promise<string[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    defaultUri: vscode.Uri.joinPath(modelUri, '..'),
    openLabel: vscode.l10n.t('Use as input'),
    ...(extensions.length > 0 ? { filters: { [vscode.l10n.t('Input data')]: extensions } } : {}),
  });
  const root = workspaceRootFor(modelUri);
  return (picked ?? []).map((u) => modelArgFor(u, root));
}

/**
 * A pasted command line read by the panel's engine: its flags, and the notes the page shows (words
 * not understood, problems, and the model it names when that is not this panel's, by file name).
 */
export function readPastedLine(
  engine: Engine,
  line: string,
  modelName: string,
): { flags: FlagSet; notes: PasteNotes } {
  const p = engine.parseCommandLine(line);
  const other = p.model && path.basename(p.model) !== modelName ? p.model : null;
  return { flags: p.flags, notes: { unknown: p.unknown, problems: p.problems, model: other } };
}

/** Show a saved record's JSON beside the panel; a warning when it is gone. */
export async function openRecordFile(
  store: RecordStore | undefined,
  record: RunRecord | undefined,
  recordId: string,
): Promise<void> {
  if (!store || !record) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The run record {0} was not found.', recordId));
    return;
  }
  const file = vscode.Uri.file(path.join(store.dir, recordFileName(record)));
  await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

export async function runAction(action: HostAction): Promise<void> {
  switch (action) {
    case 'manage-trust':
      await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    case 'set-lar-path':
      await vscode.commands.executeCommand('lar-explorer.setLoadAndRunPath');
      return;
    case 'open-target-settings':
      await vscode.commands.executeCommand('lar-explorer.openTargetSettings');
      return;
  }
}

/**
 * The Explore commands: "Explore settings…" on a model (Explorer context menu, Models view item,
 * command palette with a model picker), and on a study in the Models view: open, resume, delete.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { StudyStore } from '../../core/study';
import type { ModelsNode, ModelsTreeProvider } from '../modelsTree';
import type { ExplorePanels } from './explorePanels';
import type { StudyHistory, StudyEntry } from './studyHistory';

export interface ExploreCommandDeps {
  log: vscode.LogOutputChannel;
  models: ModelsTreeProvider;
  panels: ExplorePanels;
  studies: StudyHistory;
  /** The questions the commands ask; tests replace its functions. */
  prompts: ExplorePrompts;
}

export interface ExplorePrompts {
  /** The modal question before a study is deleted. */
  confirmDelete(message: string, detail: string): Promise<boolean>;
}

export const vscodeExplorePrompts: ExplorePrompts = {
  async confirmDelete(message, detail) {
    const yes = vscode.l10n.t('Delete');
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, yes)) === yes;
  },
};

async function pickModel(models: ModelsTreeProvider): Promise<vscode.Uri | undefined> {
  await models.whenLoaded();
  const items = models.listedModels().map((uri) => ({
    label: path.basename(uri.fsPath),
    description: vscode.workspace.asRelativePath(uri),
    uri,
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No model files found in this workspace.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Model to explore'),
  });
  return picked?.uri;
}

function studyEntryOf(arg: unknown): StudyEntry | undefined {
  const node = arg as { kind?: string; entry?: StudyEntry } | undefined;
  return node?.kind?.startsWith('study') && node.entry ? node.entry : undefined;
}

export function registerExploreCommands(deps: ExploreCommandDeps): vscode.Disposable[] {
  const { panels, studies, log } = deps;
  return [
    vscode.commands.registerCommand('lar-explorer.explore', async (target?: vscode.Uri | ModelsNode) => {
      const uri =
        target instanceof vscode.Uri
          ? target
          : target?.kind === 'model'
            ? target.uri
            : await pickModel(deps.models);
      if (!uri) return undefined;
      log.info(`Explore requested for ${uri.fsPath}`);
      return panels.open(uri);
    }),
    vscode.commands.registerCommand('lar-explorer.openStudy', (node?: unknown) => {
      const entry = studyEntryOf(node);
      if (entry) return panels.openStudy(entry.modelUri, entry.record);
      return undefined;
    }),
    vscode.commands.registerCommand('lar-explorer.resumeStudy', async (node?: unknown) => {
      const entry = studyEntryOf(node);
      if (!entry) return;
      const panel = panels.openStudy(entry.modelUri, entry.record);
      await panel.resume();
    }),
    vscode.commands.registerCommand('lar-explorer.deleteStudy', async (node?: unknown) => {
      const entry = studyEntryOf(node);
      if (!entry) return;
      const ok = await deps.prompts.confirmDelete(
        vscode.l10n.t('Delete the study “{0}”?', entry.title),
        vscode.l10n.t(
          'The study record and its prepared artifacts are removed from .lar-explorer/studies. Its runs stay in the history.',
        ),
      );
      if (!ok) return;
      const store = new StudyStore(path.dirname(entry.file));
      await fs.rm(entry.file, { force: true });
      await fs.rm(store.artifactDir(entry.record), { recursive: true, force: true });
      log.info(`Study ${entry.record.id} deleted (${entry.file})`);
      await studies.reload();
    }),
  ];
}

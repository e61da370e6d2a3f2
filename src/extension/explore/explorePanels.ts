/**
 * The open Explore panels, one per model: `open` reveals the model's panel or creates it. A study
 * opened from the Models view is shown in its model's panel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../core/records/runRecord';
import type { StudyRecord } from '../../core/study';
import { studyOfRuns } from './exploreSetup';
import { webviewOptions } from '../webviewHost';
import { ExplorePanel, type ExplorePanelDeps } from './explorePanel';

export const EXPLORE_VIEW_TYPE = 'lar-explorer.explore';

export class ExplorePanels implements vscode.Disposable {
  private readonly panels = new Map<string, ExplorePanel>();

  constructor(private readonly deps: ExplorePanelDeps) {}

  open(modelUri: vscode.Uri): ExplorePanel {
    const key = modelUri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const title = vscode.l10n.t('Explore: {0}', path.basename(modelUri.fsPath));
    const webviewPanel = vscode.window.createWebviewPanel(
      EXPLORE_VIEW_TYPE,
      title,
      vscode.ViewColumn.Active,
      webviewOptions(this.deps.extensionUri),
    );
    const panel = new ExplorePanel(webviewPanel, modelUri, this.deps);
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
    // A study of this model still running (the panel was closed) shows again.
    const running = this.deps.studies
      .running()
      .find((s) => path.resolve(panel.root ?? '', s.definition.model) === modelUri.fsPath);
    if (running) panel.show(running);
    this.deps.log.info(`Explore panel opened for ${modelUri.fsPath}`);
    return panel;
  }

  /** Open a study record in its model's panel. */
  openStudy(modelUri: vscode.Uri, record: StudyRecord): ExplorePanel {
    const panel = this.open(modelUri);
    panel.showRecord(record);
    return panel;
  }

  /**
   * The study that decides what two single runs could not: exactly their flag sets (the baseline
   * first), on their target, with their iteration counts. Opens the model's panel to show it.
   */
  async decideRuns(records: readonly RunRecord[], baselineId: string): Promise<ExplorePanel | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const base = records.find((r) => r.id === baselineId) ?? records[0];
    if (!root || !base) return undefined;
    const ref = this.deps.targets.forRecordTarget(base.target);
    if (!ref) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The runs were made on {0}, which is not a configured target now.', base.target),
      );
      return undefined;
    }
    const panel = this.open(vscode.Uri.file(path.resolve(root, base.model.path)));
    await panel.startStudy(studyOfRuns(records, base), [ref]);
    return panel;
  }

  get(modelUri: vscode.Uri): ExplorePanel | undefined {
    return this.panels.get(modelUri.toString());
  }

  all(): ExplorePanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}

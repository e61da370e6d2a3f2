/**
 * The open Explore panels, one per model: `open` reveals the model's panel or creates it. A study
 * opened from the Models view is shown in its model's panel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StudyRecord } from '../../core/study';
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

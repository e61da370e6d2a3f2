/**
 * Command registrations: each command adapts a VS Code gesture (palette, menu, tree) to a service.
 */
import * as vscode from 'vscode';
import type { ModelsTreeProvider, ModelsNode } from './modelsTree';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  models: ModelsTreeProvider;
}

export function registerCommands({ log, models }: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lar-explorer.refreshModels', () => models.refresh()),
    vscode.commands.registerCommand('lar-explorer.benchmark', (target?: vscode.Uri | ModelsNode) => {
      const uri = target instanceof vscode.Uri ? target : target?.kind === 'model' ? target.uri : undefined;
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Right-click a model file to benchmark it.'));
        return;
      }
      log.info(`Benchmark requested for ${uri.fsPath}`);
      const panel = vscode.window.createWebviewPanel(
        'lar-explorer.benchmark',
        `Benchmark: ${uri.path.split('/').pop()}`,
        vscode.ViewColumn.Active,
        {},
      );
      panel.webview.html = '<!DOCTYPE html><html><body></body></html>';
    }),
  ];
}

/**
 * Composition root: builds the services, hands them to their consumers, registers disposables.
 * No logic lives here.
 */
import * as vscode from 'vscode';
import { readConfig } from './config';
import { ModelsTreeProvider } from './modelsTree';
import { registerCommands } from './commands';

export interface ExtensionApi {
  models: ModelsTreeProvider;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Load and Run Explorer', { log: true });
  context.subscriptions.push(log);

  const models = new ModelsTreeProvider(() => readConfig(), log);
  context.subscriptions.push(
    models,
    vscode.window.createTreeView('lar-explorer.models', { treeDataProvider: models }),
  );

  context.subscriptions.push(...registerCommands({ context, log, models }));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lar-explorer.models')) void models.refresh();
    }),
  );
  log.info('Load and Run Explorer activated');
  return { models };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

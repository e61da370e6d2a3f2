/**
 * Command registrations: each command adapts a VS Code gesture (palette, menu, tree) to a service.
 */
import * as vscode from 'vscode';
import type { ModelsTreeProvider, ModelsNode } from './modelsTree';
import type { BenchmarkPanels } from './benchmark/benchmarkPanels';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  models: ModelsTreeProvider;
  benchmarks: BenchmarkPanels;
}

export function registerCommands({ log, models, benchmarks }: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lar-explorer.refreshModels', () => models.refresh()),
    // The "Show 50 more" item of a model or study with many runs passes the key of its node.
    vscode.commands.registerCommand('lar-explorer.showMoreRuns', (key: unknown) => {
      if (typeof key === 'string') models.showMoreRuns(key);
    }),
    // One handler, two titles (one per engine's menu context): the panel finds the engine by the file.
    ...['lar-explorer.benchmark', 'lar-explorer.benchmarkOnnx'].map((id) =>
      vscode.commands.registerCommand(
        id,
        // The second argument is a BenchmarkPrefill from "re-run", or the Explorer's multi-selection.
        (target?: vscode.Uri | ModelsNode, prefill?: unknown) => {
          const uri =
            target instanceof vscode.Uri ? target : target?.kind === 'model' ? target.uri : undefined;
          if (!uri) {
            void vscode.window.showInformationMessage(
              vscode.l10n.t('Right-click a model file to benchmark it.'),
            );
            return;
          }
          log.info(`Benchmark requested for ${uri.fsPath}`);
          benchmarks.open(uri, prefill);
        },
      ),
    ),
  ];
}

/**
 * The extension's settings, read in one typed place. `ExtensionConfig.fromPlain` builds one from
 * plain data so tests need no VS Code; `readConfig` adapts `vscode.workspace.getConfiguration`.
 */
import * as vscode from 'vscode';

export interface ExtensionConfig {
  modelInclude: string[];
  modelExclude: string[];
  /** Machine-scoped: a workspace cannot point this at its own binary. */
  loadAndRunPath: string;
}

export const DEFAULT_CONFIG: ExtensionConfig = {
  modelInclude: ['**/*.mge', '**/*.mgb', '**/*.mdl', '**/*.onnx'],
  modelExclude: ['**/node_modules/**', '**/.lar-explorer/**'],
  loadAndRunPath: '',
};

export function configFromPlain(data: Partial<ExtensionConfig>): ExtensionConfig {
  return { ...DEFAULT_CONFIG, ...data };
}

export function readConfig(scope?: vscode.ConfigurationScope): ExtensionConfig {
  const c = vscode.workspace.getConfiguration('lar-explorer', scope);
  return configFromPlain({
    modelInclude: c.get<string[]>('models.include', DEFAULT_CONFIG.modelInclude),
    modelExclude: c.get<string[]>('models.exclude', DEFAULT_CONFIG.modelExclude),
    loadAndRunPath: c.get<string>('loadAndRun.path', ''),
  });
}

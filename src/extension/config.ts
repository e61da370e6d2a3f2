/**
 * The extension's settings, read in one typed place. `ExtensionConfig.fromPlain` builds one from
 * plain data so tests need no VS Code; `readConfig` adapts `vscode.workspace.getConfiguration`.
 */
import { modelExtensions } from '../core/engines/registry';
import * as vscode from 'vscode';
import type { TargetSetting } from './targets/targetRef';

export interface ExtensionConfig {
  modelInclude: string[];
  modelExclude: string[];
  /** Machine-scoped: a workspace cannot point this at its own binary. */
  loadAndRunPath: string;
  /** Machine-scoped SSH targets with their per-target settings (`lar-explorer.targets`). */
  targets: TargetSetting[];
}

export const DEFAULT_CONFIG: ExtensionConfig = {
  // Every model file some engine runs; the setting's own default in package.json says the same.
  modelInclude: modelExtensions().map((ext) => `**/*${ext}`),
  modelExclude: ['**/node_modules/**', '**/.lar-explorer/**'],
  loadAndRunPath: '',
  targets: [],
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
    targets: targetSettingsFrom(c.get<unknown>('targets', [])),
  });
}

/** Hand-edited JSON: keep the entries that have a name and a destination, drop fields of the wrong type. */
export function targetSettingsFrom(raw: unknown): TargetSetting[] {
  if (!Array.isArray(raw)) return [];
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const out: TargetSetting[] = [];
  for (const e of raw as unknown[]) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const name = str(o.name);
    const destination = str(o.destination);
    if (!name || !destination) continue;
    const env =
      o.env && typeof o.env === 'object'
        ? Object.fromEntries(
            Object.entries(o.env).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
          )
        : undefined;
    out.push({
      name,
      destination,
      sshConfigFile: str(o.sshConfigFile),
      loadAndRunPath: str(o.loadAndRunPath),
      workDir: str(o.workDir),
      ...(env ? { env } : {}),
    });
  }
  return out;
}

/**
 * The open Benchmark panels, one per model: `open` reveals the model's panel when it exists and
 * creates it otherwise. Tests reach the panels (and their messengers) through `get`/`all`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlagSet } from '../../core/engine';
import { webviewOptions } from '../webviewHost';
import { BenchmarkPanel, type BenchmarkPanelDeps } from './benchmarkPanel';

export const BENCHMARK_VIEW_TYPE = 'lar-explorer.benchmark';

/** What "re-run in the panel" hands over: the flags and the record's target (`local`, `ssh:dest`). */
export interface BenchmarkPrefill {
  flags?: FlagSet;
  target?: string;
}

/**
 * The command's second argument, when it is a prefill. From the Explorer's multi-select it is an
 * array of URIs instead, and anything else is ignored rather than trusted.
 */
export function prefillFrom(arg: unknown): BenchmarkPrefill | undefined {
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const o = arg as Record<string, unknown>;
  const flags =
    o.flags && typeof o.flags === 'object' && !Array.isArray(o.flags)
      ? Object.fromEntries(
          Object.entries(o.flags).filter((kv): kv is [string, boolean | number | string] =>
            ['boolean', 'number', 'string'].includes(typeof kv[1]),
          ),
        )
      : undefined;
  const target = typeof o.target === 'string' ? o.target : undefined;
  return flags || target ? { ...(flags ? { flags } : {}), ...(target ? { target } : {}) } : undefined;
}

export class BenchmarkPanels implements vscode.Disposable {
  private readonly panels = new Map<string, BenchmarkPanel>();

  constructor(private readonly deps: BenchmarkPanelDeps) {}

  open(modelUri: vscode.Uri, prefillArg?: unknown): BenchmarkPanel {
    const key = modelUri.toString();
    const prefill = prefillFrom(prefillArg);
    const existing = this.panels.get(key);
    if (existing) {
      if (prefill) existing.prefill(prefill);
      existing.panel.reveal();
      return existing;
    }
    // The title is plain text in VS Code's tab: a model named like HTML stays text.
    const title = vscode.l10n.t('Benchmark: {0}', path.basename(modelUri.fsPath));
    const webviewPanel = vscode.window.createWebviewPanel(
      BENCHMARK_VIEW_TYPE,
      title,
      vscode.ViewColumn.Active,
      webviewOptions(this.deps.extensionUri),
    );
    const panel = new BenchmarkPanel(webviewPanel, modelUri, this.deps);
    if (prefill) panel.prefill(prefill);
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
    this.deps.log.info(`Benchmark panel opened for ${modelUri.fsPath}`);
    return panel;
  }

  get(modelUri: vscode.Uri): BenchmarkPanel | undefined {
    return this.panels.get(modelUri.toString());
  }

  all(): BenchmarkPanel[] {
    return [...this.panels.values()];
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}

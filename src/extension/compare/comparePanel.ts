/**
 * The Compare panel's host half: an editor tab comparing 2..N runs. It computes the comparison
 * with the core (`compareRecords`), sends the formatted view model, recomputes when the webview
 * asks for another baseline, and writes exports (Markdown, CSV from the core exporters; the chart
 * PNG from the webview, checked) where the user picks in a save dialog.
 */
import * as vscode from 'vscode';
import type { CompareOptions } from '../../core/records/compare';
import { compareRecords } from '../../core/records/export';
import { StudyStore } from '../../core/study';
import type { RunRecord } from '../../core/records/runRecord';
import {
  compareWebviewMessageSchema,
  type CompareHostMessage,
  type CompareViewModel,
  type CompareWebviewMessage,
} from '../../shared/compareProtocol';
import type { UiStrings } from '../../shared/protocol';
import { PanelMessenger, renderWebviewShell, webviewOptions } from '../webviewHost';
import { comparisonCsv, comparisonMarkdown, pngFromDataUrl } from './compareExport';
import { buildCompareViewModel, compareUiStrings } from './compareViewModel';
import { profileDiffsFor, profileDiffUiStrings } from './profileDiffTab';
import type { ProfileDiffView } from '../../shared/profileProtocol';

export type ExportFormat = 'md' | 'csv' | 'png';

/** Where an export goes; a test replaces it to skip the dialog. */
export type PickSaveLocation = (
  defaultUri: vscode.Uri | undefined,
  format: ExportFormat,
) => Promise<vscode.Uri | undefined>;

export const vscodePickSaveLocation: PickSaveLocation = async (defaultUri, format) => {
  const filters: Record<ExportFormat, Record<string, string[]>> = {
    md: { Markdown: ['md'] },
    csv: { CSV: ['csv'] },
    png: { PNG: ['png'] },
  };
  return vscode.window.showSaveDialog({ defaultUri, filters: filters[format] });
};

export interface ComparePanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  pickSaveLocation: PickSaveLocation;
  /** Start a study of these runs' flag sets on their target (the Explore panel). */
  decideWithStudy?: (records: readonly RunRecord[], baselineId: string) => Promise<unknown>;
}

/** The latest noise floor a study measured per target of these runs (their workspace's studies). */
async function noiseFloorsFor(
  records: readonly RunRecord[],
): Promise<NonNullable<CompareOptions['noiseFloors']>> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) return {};
  const store = StudyStore.forWorkspace(root);
  const out: NonNullable<CompareOptions['noiseFloors']> = {};
  for (const target of new Set(records.map((r) => r.target))) {
    const found = await store.latestNoiseFloor(target, records[0]?.model.path);
    if (found) out[target] = { lo: found.noiseFloor.lo, hi: found.noiseFloor.hi, studyId: found.studyId };
  }
  return out;
}

export class ComparePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly messenger: PanelMessenger<CompareWebviewMessage, CompareHostMessage>;
  readonly strings: UiStrings;
  private current: CompareViewModel;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private options: CompareOptions = {};
  /** Resolves once the targets' measured noise floors are read and applied (tests wait on it). */
  readonly floorsLoaded: Promise<void>;
  /** The operator diffs last sent (the diff tab); tests await it. */
  profileDiffs: Promise<ProfileDiffView[]> = Promise.resolve([]);
  /** Files written by exports, newest last (tests read them). */
  readonly exported: vscode.Uri[] = [];

  constructor(
    private readonly deps: ComparePanelDeps,
    /** Oldest first; the comparison keeps this order. */
    readonly records: readonly RunRecord[],
    onDispose: () => void,
  ) {
    this.strings = compareUiStrings();
    // Until the study records are read, single runs are held against the assumed noise band.
    this.current = buildCompareViewModel(compareRecords(records), records);
    this.panel = vscode.window.createWebviewPanel(
      'lar-explorer.compare',
      vscode.l10n.t('Compare {0} runs', records.length),
      vscode.ViewColumn.Active,
      webviewOptions(deps.extensionUri),
    );
    this.messenger = new PanelMessenger(
      this.panel.webview,
      compareWebviewMessageSchema,
      deps.log,
      'Compare panel',
      (m) => this.handle(m),
    );
    this.panel.webview.html = renderWebviewShell({
      webview: this.panel.webview,
      extensionUri: deps.extensionUri,
      script: 'compare.js',
      styles: ['compare.css'],
      title: this.strings.title,
      lang: vscode.env.language,
    });
    this.floorsLoaded = noiseFloorsFor(records).then(
      async (floors) => {
        if (Object.keys(floors).length === 0 || this.disposed) return;
        this.options = { noiseFloors: floors };
        this.current = buildCompareViewModel(
          compareRecords(this.records, this.current.baselineId, this.options),
          this.records,
        );
        if (this.ready) await this.messenger.post({ type: 'update', model: this.current });
      },
      (err) => deps.log.warn(`Compare panel: reading the studies' noise floors failed: ${String(err)}`),
    );
    this.disposables.push(
      this.messenger,
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  /** The view model the webview shows now. */
  get model(): CompareViewModel {
    return this.current;
  }

  /** Recompute against another of the compared runs. */
  async setBaseline(runId: string): Promise<void> {
    if (!this.records.some((r) => r.id === runId)) throw new Error(`run ${runId} is not in this comparison`);
    this.current = buildCompareViewModel(compareRecords(this.records, runId, this.options), this.records);
    await this.messenger.post({ type: 'update', model: this.current });
    this.sendProfileDiffs();
  }

  /** Profiles are read after the first paint; the tab appears when they arrive. */
  private sendProfileDiffs(): void {
    this.profileDiffs = profileDiffsFor(this.records, this.current.baselineId, this.deps.log);
    void this.profileDiffs.then((diffs) =>
      this.messenger.post({ type: 'profileDiff', strings: profileDiffUiStrings(), diffs }),
    );
  }

  private async handle(msg: CompareWebviewMessage): Promise<unknown> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        await this.messenger.post({ type: 'init', strings: this.strings, model: this.current });
        this.sendProfileDiffs();
        return undefined;
      case 'decideWithStudy':
        return this.decideWithStudy();
      case 'setBaseline':
        return this.setBaseline(msg.runId);
      case 'export':
        if (msg.format === 'png') return this.exportFile('png', pngFromDataUrl(msg.dataUrl));
        return this.exportTable(msg.format);
    }
  }

  private ready = false;

  /** Start the study that decides what single runs could not: exactly these flag sets, this target. */
  async decideWithStudy(): Promise<unknown> {
    const ids = new Set([this.current.baselineId, ...(this.current.decide?.runIds ?? [])]);
    const runs = this.records.filter((r) => ids.has(r.id));
    if (runs.length < 2 || !this.deps.decideWithStudy) return undefined;
    return this.deps.decideWithStudy(runs, this.current.baselineId);
  }

  /** Write the comparison as Markdown or CSV; returns the file, or undefined when cancelled. */
  exportTable(format: 'md' | 'csv'): Promise<vscode.Uri | undefined> {
    const text =
      format === 'md'
        ? comparisonMarkdown(this.current, this.records, this.strings)
        : comparisonCsv(this.records);
    return this.exportFile(format, new TextEncoder().encode(text));
  }

  private async exportFile(format: ExportFormat, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
    // Beside the run records, not loose in the workspace root (where a model repository's own
    // README lives): `.lar-explorer/exports/`, made on first use.
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    const folder = root ? vscode.Uri.joinPath(root, '.lar-explorer', 'exports') : undefined;
    if (folder) await vscode.workspace.fs.createDirectory(folder);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const name = `lar-compare-${stamp}.${format}`;
    const target = await this.deps.pickSaveLocation(
      folder ? vscode.Uri.joinPath(folder, name) : undefined,
      format,
    );
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes);
    this.exported.push(target);
    this.deps.log.info(`Compare panel: exported ${format} to ${target.fsPath}`);
    void this.announceSaved(target);
    return target;
  }

  /** "Saved x.md" with the button a user wants next: open it (as text, or the PNG as an image). */
  private async announceSaved(file: vscode.Uri): Promise<void> {
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Saved {0}', vscode.workspace.asRelativePath(file)),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('vscode.open', file);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

/** Every open Compare panel; `current` is the one opened last (tests and commands use it). */
export class ComparePanels implements vscode.Disposable {
  private readonly open = new Set<ComparePanel>();
  current: ComparePanel | undefined;

  constructor(private readonly deps: ComparePanelDeps) {}

  show(records: readonly RunRecord[]): ComparePanel {
    const panel = new ComparePanel(this.deps, records, () => {
      this.open.delete(panel);
      if (this.current === panel) this.current = undefined;
    });
    this.open.add(panel);
    this.current = panel;
    return panel;
  }

  /** Replace the save dialog (tests). */
  set pickSaveLocation(fn: PickSaveLocation) {
    this.deps.pickSaveLocation = fn;
  }

  dispose(): void {
    for (const p of [...this.open]) p.dispose();
    this.open.clear();
  }
}

/**
 * The run-history commands: compare, rename, delete (confirmed), pin / unpin the baseline, open
 * the raw log or the record file, and re-run with the same flags. Each takes what the Models tree
 * passes (the clicked node and the selection), a run id, or nothing (then it asks with a quick
 * pick). Every change goes through the `RecordStore` (atomic writes), which refreshes its index
 * for exactly the files it wrote; the history then rebuilds its views without reading the folder.
 * Questions to the user sit behind `HistoryPrompts` so tests can answer them.
 */
import * as vscode from 'vscode';
import type { FlagSet } from '../../core/engine';
import type { RunRecord } from '../../core/records/runRecord';
import { isRunNode } from '../modelsTree';
import type { HistoryEntry, RunHistory } from './runHistory';
import { runStartText, runSummaryLabel } from './runItem';

/** The questions the commands ask; a test replaces these functions to answer without UI. */
export interface HistoryPrompts {
  /** Modal confirmation; true to go ahead. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A new label; undefined when the user cancels, '' to remove the label. */
  askLabel(current: string, placeholder: string): Promise<string | undefined>;
  pickRuns(
    entries: readonly HistoryEntry[],
    many: boolean,
    title: string,
    /** Entries ticked from the start (the run that was right-clicked). */
    preselected?: readonly HistoryEntry[],
  ): Promise<HistoryEntry[] | undefined>;
}

export const vscodeHistoryPrompts: HistoryPrompts = {
  async confirm(message, detail, action) {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return choice === action;
  },
  askLabel(current, placeholder) {
    return Promise.resolve(
      vscode.window.showInputBox({
        value: current,
        placeHolder: placeholder,
        prompt: vscode.l10n.t('Run label'),
      }),
    );
  },
  async pickRuns(entries, many, title, preselected = []) {
    const ticked = new Set(preselected.map((e) => e.record.id));
    const items = [...entries].reverse().map((entry) => ({
      label: entry.record.label ?? runSummaryLabel(entry.record),
      description: entry.record.model.path,
      detail: runStartText(entry.record),
      picked: ticked.has(entry.record.id),
      entry,
    }));
    if (many) {
      const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title });
      return picked?.map((p) => p.entry);
    }
    const picked = await vscode.window.showQuickPick(items, { title });
    return picked ? [picked.entry] : undefined;
  },
};

/** What "re-run" hands to whoever runs benchmarks. */
export interface RerunRequest {
  modelUri: vscode.Uri;
  engineId: RunRecord['engine'];
  target: string;
  flags: FlagSet;
}

export interface HistoryCommandDeps {
  history: RunHistory;
  log: vscode.LogOutputChannel;
  prompts: HistoryPrompts;
  /** Opens the compare panel for these runs (2 or more). */
  compare(entries: HistoryEntry[]): unknown;
  /** Starts a run with the same model, target and flags. */
  rerun(request: RerunRequest): unknown;
}

/** A run as the commands may receive it: a tree node, a run id, or a history entry. */
type RunArg = unknown;

export class HistoryCommands {
  constructor(private readonly deps: HistoryCommandDeps) {}

  register(): vscode.Disposable[] {
    const reg = (id: string, fn: (a?: RunArg, b?: RunArg) => unknown) =>
      vscode.commands.registerCommand(id, (a?: RunArg, b?: RunArg) => this.guard(id, () => fn(a, b)));
    return [
      reg('lar-explorer.compareRuns', (a, b) => this.compareRuns(a, b)),
      reg('lar-explorer.renameRun', (a) => this.rename(a)),
      reg('lar-explorer.deleteRun', (a, b) => this.delete(a, b)),
      reg('lar-explorer.pinBaseline', (a) => this.pin(a, true)),
      reg('lar-explorer.unpinBaseline', (a) => this.pin(a, false)),
      reg('lar-explorer.openRunLog', (a) => this.openLog(a)),
      reg('lar-explorer.openRunRecord', (a) => this.openRecord(a)),
      reg('lar-explorer.rerunRun', (a) => this.rerun(a)),
    ];
  }

  async compareRuns(clicked?: RunArg, selection?: RunArg): Promise<void> {
    let entries = this.resolveMany(clicked, selection);
    if (entries.length < 2) {
      await this.deps.history.whenLoaded();
      entries =
        (await this.deps.prompts.pickRuns(
          this.deps.history.all(),
          true,
          vscode.l10n.t('Runs to compare'),
          entries,
        )) ?? [];
      if (entries.length === 0) return;
    }
    if (entries.length < 2) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select two or more runs to compare.'));
      return;
    }
    // Oldest first: the default baseline (when none is pinned) is the earlier run.
    entries.sort((x, y) => Date.parse(x.record.startedAt) - Date.parse(y.record.startedAt));
    await this.deps.compare(entries);
  }

  async rename(arg?: RunArg): Promise<void> {
    const entry = await this.one(arg, vscode.l10n.t('Run to rename'));
    if (!entry) return;
    const label = await this.deps.prompts.askLabel(entry.record.label ?? '', runSummaryLabel(entry.record));
    if (label === undefined) return;
    await entry.store.update(entry.record.id, { label: label.trim() === '' ? null : label });
    await this.deps.history.afterWrite();
  }

  async delete(clicked?: RunArg, selection?: RunArg): Promise<void> {
    let entries = this.resolveMany(clicked, selection);
    if (entries.length === 0) {
      const one = await this.one(undefined, vscode.l10n.t('Run to delete'));
      if (!one) return;
      entries = [one];
    }
    const message =
      entries.length === 1
        ? vscode.l10n.t(
            'Delete the run "{0}"?',
            entries[0].record.label ?? runSummaryLabel(entries[0].record),
          )
        : vscode.l10n.t('Delete {0} runs?', entries.length);
    const detail = vscode.l10n.t(
      'The run record file and its log are removed from .lar-explorer/runs. This cannot be undone.',
    );
    if (!(await this.deps.prompts.confirm(message, detail, vscode.l10n.t('Delete')))) return;
    for (const e of entries) {
      await e.store.delete(e.record.id);
      this.deps.log.info(`Deleted run record ${e.record.id} (${e.record.model.path})`);
    }
    await this.deps.history.afterWrite();
  }

  async pin(arg: RunArg, baseline: boolean): Promise<void> {
    const entry = await this.one(
      arg,
      baseline ? vscode.l10n.t('Run to pin as baseline') : vscode.l10n.t('Baseline to unpin'),
    );
    if (!entry) return;
    // pinBaseline unpins the model's other runs first: one baseline per model.
    if (baseline) await entry.store.pinBaseline(entry.record.id);
    else await entry.store.update(entry.record.id, { baseline: false });
    await this.deps.history.afterWrite();
  }

  /** The log is data: shown as an untitled plain-text document, never interpreted. */
  async openLog(arg?: RunArg): Promise<void> {
    const entry = await this.one(arg, vscode.l10n.t('Run whose log to open'));
    if (!entry) return;
    const log = await entry.store.readLog(entry.record);
    if (log === null) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This run has no saved log.'));
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ content: log, language: 'log' });
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async openRecord(arg?: RunArg): Promise<void> {
    const entry = await this.one(arg, vscode.l10n.t('Run whose record to open'));
    if (!entry) return;
    const file = await this.deps.history.recordFile(entry);
    if (!file) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The record file of this run is gone.'));
      return;
    }
    await vscode.window.showTextDocument(file, { preview: true });
  }

  async rerun(arg?: RunArg): Promise<void> {
    const entry = await this.one(arg, vscode.l10n.t('Run to repeat'));
    if (!entry) return;
    const { record } = entry;
    await this.deps.rerun({
      modelUri: this.deps.history.modelUri(entry),
      engineId: record.engine,
      target: record.target,
      flags: { ...record.flags },
    });
  }

  // ---------------------------------------------------------------------------------------------

  private async guard(id: string, fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.deps.log.error(`${id} failed`, err);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The command failed: {0}', err instanceof Error ? err.message : String(err)),
      );
    }
  }

  private resolveOne(arg: RunArg): HistoryEntry | undefined {
    if (isRunNode(arg)) return this.deps.history.find(arg.record.id) ?? arg.entry;
    if (typeof arg === 'string') return this.deps.history.find(arg);
    if (arg && typeof arg === 'object' && 'record' in arg && 'store' in arg) return arg as HistoryEntry;
    return undefined;
  }

  /** The tree's selection when the clicked run is part of it, else the clicked run alone. */
  private resolveMany(clicked: RunArg, selection: RunArg): HistoryEntry[] {
    const list = Array.isArray(selection) ? selection : Array.isArray(clicked) ? clicked : [clicked];
    const seen = new Set<string>();
    const out: HistoryEntry[] = [];
    for (const item of list) {
      const e = this.resolveOne(item);
      if (e && !seen.has(e.record.id)) {
        seen.add(e.record.id);
        out.push(e);
      }
    }
    return out;
  }

  private async one(arg: RunArg, title: string): Promise<HistoryEntry | undefined> {
    const direct = this.resolveOne(arg);
    if (direct) return direct;
    await this.deps.history.whenLoaded();
    if (this.deps.history.all().length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no saved runs in this workspace.'));
      return undefined;
    }
    return (await this.deps.prompts.pickRuns(this.deps.history.all(), false, title))?.[0];
  }
}

/**
 * The Models view: the workspace's model files grouped by folder, each with its runs (newest first)
 * from the run history, plus a warning node per run record that could not be read. Files are found
 * with `workspace.findFiles` (asynchronous) and runs come from `RunHistory`'s cache, so `getChildren`
 * only reads memory. File watchers on the model globs rescan (debounced); the history's own watcher
 * reloads runs. Nodes are `{ kind, treeItem, parent }`; `kind` is the contextValue menus match.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineForModel } from '../core/engines/registry';
import { DEFAULT_CONFIG, type ExtensionConfig } from './config';
import type { RunHead } from '../core/records/runHead';
import type { HistoryEntry, HistoryProblem, RunHistory } from './history/runHistory';
import { runTreeItems } from './history/runItem';
import type { StudyEntry, StudyHistory } from './explore/studyHistory';
import { studyKind, studyTreeItem, type StudyNodeKind } from './explore/studyItem';

export type ModelsNode =
  | {
      kind: 'folder';
      treeItem: vscode.TreeItem;
      label: string;
      uri: vscode.Uri;
      children: ModelsNode[];
      parent?: ModelsNode;
    }
  | {
      kind: 'model';
      treeItem: vscode.TreeItem;
      uri: vscode.Uri;
      runs: RunNode[];
      studies?: StudyNode[];
      parent?: ModelsNode;
    }
  | RunNode
  | StudyNode
  | { kind: 'problem'; treeItem: vscode.TreeItem; problem: HistoryProblem; parent?: undefined };

export interface RunNode {
  kind: 'run' | 'run-baseline';
  treeItem: vscode.TreeItem;
  entry: HistoryEntry;
  record: RunHead;
  parent: ModelsNode;
}

/** A study under its model (see `explore/studyItem.ts`), with the runs it made inside it. */
export interface StudyNode {
  kind: StudyNodeKind;
  treeItem: vscode.TreeItem;
  entry: StudyEntry;
  parent: ModelsNode;
  runs: RunNode[];
}

function isStudyNode(n: ModelsNode): n is StudyNode {
  return n.kind === 'study' || n.kind === 'study-stopped' || n.kind === 'study-running';
}

export function isRunNode(n: unknown): n is RunNode {
  const k = (n as { kind?: unknown } | undefined)?.kind;
  return (k === 'run' || k === 'run-baseline') && typeof (n as RunNode).record === 'object';
}

export class ModelsTreeProvider implements vscode.TreeDataProvider<ModelsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private modelUris: vscode.Uri[] = [];
  private roots: ModelsNode[] = [];
  private loading: Promise<void> | undefined;
  private watchers: vscode.Disposable[] = [];
  private watchedGlobs = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly historySub: vscode.Disposable;
  private readonly studiesSub: vscode.Disposable | undefined;

  constructor(
    private readonly getConfig: () => ExtensionConfig,
    private readonly log: vscode.LogOutputChannel,
    private readonly history: RunHistory,
    private readonly studies?: StudyHistory,
  ) {
    this.historySub = history.onDidChange(() => this.rebuild());
    this.studiesSub = studies?.onDidChange(() => this.rebuild());
  }

  /** Rescan the workspace and reload the runs; the view refreshes when both are done. */
  refresh(): Promise<void> {
    this.watchModels();
    this.loading = Promise.all([this.scan(), this.history.reload(), this.studies?.reload()]).then(
      () => this.rebuild(),
      (err) => this.log.error('Scanning the workspace for models failed', err),
    );
    return this.loading;
  }

  /** Resolves when the current scan has finished (tests wait on it). */
  whenLoaded(): Promise<void> {
    return this.loading ?? this.refresh();
  }

  private async scan(): Promise<void> {
    const cfg = this.getConfig();
    const uris = await vscode.workspace.findFiles(
      globOf(cfg.modelInclude) ?? globOf(DEFAULT_CONFIG.modelInclude)!,
      globOf(cfg.modelExclude),
    );
    this.modelUris = uris;
    this.log.debug(`Models view: ${uris.length} model file(s)`);
  }

  /** Watch the model globs for files appearing or going away; edits to a model change nothing here. */
  private watchModels(): void {
    const cfg = this.getConfig();
    const globs = JSON.stringify(cfg.modelInclude);
    if (globs === this.watchedGlobs) return;
    this.watchedGlobs = globs;
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const glob of cfg.modelInclude) {
      const w = vscode.workspace.createFileSystemWatcher(glob, false, true, false);
      const poke = () => this.scheduleRescan();
      this.watchers.push(w, w.onDidCreate(poke), w.onDidDelete(poke));
    }
  }

  private scheduleRescan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loading = this.scan().then(
        () => this.rebuild(),
        (err) => this.log.error('Scanning the workspace for models failed', err),
      );
    }, 300);
  }

  /** Build the node tree from the cached model list and run history (memory only). */
  private rebuild(): void {
    const problems: ModelsNode[] = this.history.problems().map((problem) => ({
      kind: 'problem',
      treeItem: problemItem(problem),
      problem,
    }));
    this.roots = [
      ...problems,
      ...groupByFolder(
        this.modelUris,
        (uri) => this.history.runsForModel(uri),
        (uri) => this.studies?.forModel(uri) ?? [],
      ),
    ];
    this.changed.fire(undefined);
  }

  getTreeItem(node: ModelsNode): vscode.TreeItem {
    return node.treeItem;
  }

  getChildren(node?: ModelsNode): ModelsNode[] {
    if (!node) {
      if (!this.loading) void this.refresh();
      return this.roots;
    }
    if (node.kind === 'folder') return node.children;
    if (node.kind === 'model') return [...(node.studies ?? []), ...node.runs];
    if (isStudyNode(node)) return node.runs;
    return [];
  }

  getParent(node: ModelsNode): ModelsNode | undefined {
    return node.parent;
  }

  /** Every model URI currently listed, in display order. */
  listedModels(): vscode.Uri[] {
    return this.modelNodes().map((n) => n.uri);
  }

  /** The model nodes in display order (tests and `reveal` look runs up through them). */
  modelNodes(): Array<Extract<ModelsNode, { kind: 'model' }>> {
    const out: Array<Extract<ModelsNode, { kind: 'model' }>> = [];
    for (const root of this.roots) {
      if (root.kind !== 'folder') continue;
      for (const n of root.children) if (n.kind === 'model') out.push(n);
    }
    return out;
  }

  /** The node of a run, when its model is listed. */
  runNode(id: string): RunNode | undefined {
    for (const m of this.modelNodes()) {
      const found =
        m.runs.find((r) => r.record.id === id) ??
        m.studies?.flatMap((s) => s.runs).find((r) => r.record.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** The warning nodes shown for unreadable record files. */
  problemNodes(): Array<Extract<ModelsNode, { kind: 'problem' }>> {
    return this.roots.filter((n): n is Extract<ModelsNode, { kind: 'problem' }> => n.kind === 'problem');
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
    this.historySub.dispose();
    this.studiesSub?.dispose();
    this.changed.dispose();
  }
}

function globOf(globs: string[]): string | null {
  if (globs.length === 0) return null;
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}

function problemItem(problem: HistoryProblem): vscode.TreeItem {
  const item = new vscode.TreeItem(
    vscode.l10n.t('1 run record could not be read: {0} — {1}', problem.file, problem.reason),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = `problem:${problem.fsPath}`;
  item.contextValue = 'problem';
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.tooltip = vscode.l10n.t('{0} was left untouched. Fix or remove it by hand.', problem.fsPath);
  item.resourceUri = vscode.Uri.file(problem.fsPath);
  item.command = {
    command: 'vscode.open',
    title: vscode.l10n.t('Open'),
    arguments: [vscode.Uri.file(problem.fsPath)],
  };
  return item;
}

/** Folders (relative to their workspace folder) holding models, sorted; models sorted by name. */
function groupByFolder(
  uris: vscode.Uri[],
  runsOf: (uri: vscode.Uri) => HistoryEntry[],
  studiesOf: (uri: vscode.Uri) => StudyEntry[],
): ModelsNode[] {
  const byFolder = new Map<string, { uri: vscode.Uri; models: vscode.Uri[] }>();
  for (const uri of uris) {
    const dir = vscode.Uri.joinPath(uri, '..');
    const key = dir.toString();
    const entry = byFolder.get(key) ?? { uri: dir, models: [] };
    entry.models.push(uri);
    byFolder.set(key, entry);
  }
  const folders = [...byFolder.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return folders.map(({ uri, models }) => {
    const rel = vscode.workspace.asRelativePath(uri, multiRoot);
    const label = rel === uri.fsPath ? uri.fsPath : rel || '.';
    const treeItem = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    treeItem.id = `folder:${uri.toString()}`;
    treeItem.contextValue = 'folder';
    treeItem.iconPath = vscode.ThemeIcon.Folder;
    treeItem.resourceUri = uri;
    const folder: Extract<ModelsNode, { kind: 'folder' }> = {
      kind: 'folder',
      treeItem,
      label,
      uri,
      children: [],
    };
    folder.children = [...models]
      .sort((a, b) => path.basename(a.path).localeCompare(path.basename(b.path)))
      .map((m) => modelNode(m, folder, runsOf(m), studiesOf(m)));
    return folder;
  });
}

function modelNode(
  uri: vscode.Uri,
  parent: ModelsNode,
  entries: HistoryEntry[],
  studies: StudyEntry[] = [],
): ModelsNode {
  const treeItem = new vscode.TreeItem(
    uri,
    entries.length + studies.length > 0
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None,
  );
  treeItem.id = `model:${uri.toString()}`;
  treeItem.label = path.basename(uri.fsPath);
  // Menus tell the engines apart by this (view items have no `resourceExtname` context key).
  treeItem.contextValue = engineForModel(uri.fsPath)?.modelContext ?? 'model';
  treeItem.iconPath = new vscode.ThemeIcon('symbol-class');
  treeItem.tooltip = uri.fsPath;
  if (entries.length > 0)
    treeItem.description =
      entries.length === 1 ? vscode.l10n.t('1 run') : vscode.l10n.t('{0} runs', entries.length);
  const node: Extract<ModelsNode, { kind: 'model' }> = { kind: 'model', treeItem, uri, runs: [], parent };
  // A study makes hundreds of runs (issue #15): they sit inside their study, not beside the model's
  // own runs. A run whose study file is gone stays under the model.
  const byStudy = new Map<string, StudyNode>();
  node.studies = studies.map((entry) => {
    const study: StudyNode = {
      kind: studyKind(entry),
      treeItem: studyTreeItem(entry),
      entry,
      parent: node,
      runs: [],
    };
    byStudy.set(entry.record.id, study);
    return study;
  });
  const items = runTreeItems(entries.map((e) => e.record));
  entries.forEach((entry, i) => {
    const study = entry.record.study ? byStudy.get(entry.record.study.id) : undefined;
    const home = study ?? node;
    home.runs.push({
      kind: entry.record.baseline ? 'run-baseline' : 'run',
      treeItem: items[i]!,
      entry,
      record: entry.record,
      parent: home,
    });
  });
  for (const study of node.studies) {
    if (study.runs.length === 0) continue;
    study.treeItem.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    const runs =
      study.runs.length === 1 ? vscode.l10n.t('1 run') : vscode.l10n.t('{0} runs', study.runs.length);
    study.treeItem.description = [study.treeItem.description, runs].filter(Boolean).join(' · ');
  }
  return node;
}

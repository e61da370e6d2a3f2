/**
 * The Models view: the workspace's model files grouped by folder, each with its runs (newest first)
 * from the run history, plus a warning node per run record that could not be read. Files are found
 * with `workspace.findFiles` (asynchronous) and runs come from `RunHistory`'s cache, so `getChildren`
 * only reads memory. File watchers on the model globs rescan (debounced); the history's own watcher
 * reloads runs. Nodes are `{ kind, treeItem, parent }`; `kind` is the contextValue menus match.
 * A model or study with more than a page of runs shows the newest page and a "Show 50 more" item
 * (`history/runPages.ts`). Nodes are built in `modelNodes.ts`, lazily: a change marks the tree
 * stale and the next read rebuilds it; a refresh groups the runs one model per macrotask first, so
 * 10,000 runs never hold the extension host for the whole rebuild (issue #15).
 */
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, type ExtensionConfig } from './config';
import type { RunHead } from '../core/records/runHead';
import type { HistoryEntry, HistoryProblem, RunHistory } from './history/runHistory';
import { pageOf, RunPages } from './history/runPages';
import { moreRunsItem } from './history/runPageItem';
import { groupRuns, groupRunsInSlices, type ModelRuns } from './history/runsByModel';
import { monitorLoad } from './history/loadMonitor';
import type { StudyEntry, StudyHistory } from './explore/studyHistory';
import type { StudyNodeKind } from './explore/studyItem';
import { groupByFolder } from './modelNodes';

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
  | MoreRunsNode
  | { kind: 'problem'; treeItem: vscode.TreeItem; problem: HistoryProblem; parent?: undefined };

export interface RunNode {
  kind: 'run' | 'run-baseline';
  treeItem: vscode.TreeItem;
  entry: HistoryEntry;
  record: RunHead;
  parent: ModelsNode;
}

/** The "Show 50 more (N older)" item closing a page of runs; `key` names the node it widens. */
export interface MoreRunsNode {
  kind: 'more-runs';
  treeItem: vscode.TreeItem;
  key: string;
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
  /** How deep each model and study is opened; kept across rebuilds while the window lives. */
  private readonly pages = new RunPages();
  /**
   * `roots` reflect the current model list, runs and studies. A change only clears this and tells
   * VS Code; the tree is rebuilt when next read (VS Code asking, or a caller of `modelNodes`), so a
   * burst of changes costs one rebuild, and the rebuild runs in a task apart from the history's own.
   */
  private built = false;
  /** A refresh is under way: changes wait for its end to tell VS Code (one rebuild, not three). */
  private refreshing = 0;
  /** Runs grouped ahead of a rebuild (in slices, by `refresh`), for the history array they read. */
  private prepared: { source: readonly HistoryEntry[]; runs: Map<string, ModelRuns> } | undefined;
  private preparing: Promise<void> | undefined;

  constructor(
    private readonly getConfig: () => ExtensionConfig,
    private readonly log: vscode.LogOutputChannel,
    private readonly history: RunHistory,
    private readonly studies?: StudyHistory,
  ) {
    this.historySub = history.onDidChange(() => this.invalidate());
    this.studiesSub = studies?.onDidChange(() => this.invalidate());
  }

  /** Rescan the workspace and reload the runs; the view refreshes when both are done. */
  refresh(): Promise<void> {
    this.watchModels();
    // Timed with the event-loop delay, as the history's own load is: `bench:host` reads both lines.
    const load = async () => {
      this.refreshing++;
      try {
        await Promise.all([this.scan(), this.history.reload(), this.studies?.reload()]);
        await this.prepare();
        await nextTask();
        this.built = false;
        this.currentRoots();
      } finally {
        this.refreshing--;
        this.changed.fire(undefined);
      }
    };
    this.loading = monitorLoad('Models view ready', this.log, load, () => ({
      records: this.history.all().length,
      folders: this.history.stores().length,
    })).then(
      () => undefined,
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
        () => this.invalidate(),
        (err) => this.log.error('Scanning the workspace for models failed', err),
      );
    }, 300);
  }

  /** The model list, runs or studies changed: rebuild on the next read, and tell VS Code. */
  private invalidate(): void {
    this.built = false;
    if (this.refreshing > 0) return;
    // VS Code is told once the runs are grouped in slices, so its read does not rebuild from scratch.
    this.preparing ??= this.prepare()
      .catch((err) => this.log.error('Grouping the runs for the Models view failed', err))
      .finally(() => {
        this.preparing = undefined;
        this.changed.fire(undefined);
      });
  }

  /**
   * At 10,000 runs grouping them by model and working out their labels takes ~100 ms (more on a
   * busy machine): do it one model per macrotask, apart from the task the history published in.
   * The next rebuild uses it when the history has not published again since.
   */
  private async prepare(): Promise<void> {
    await nextTask();
    const source = this.history.all();
    this.prepared = { source, runs: await groupRunsInSlices(this.history, nextTask) };
  }

  private currentRoots(): ModelsNode[] {
    if (!this.built) this.rebuild();
    return this.roots;
  }

  /** Build the node tree from the cached model list and run history (memory only). */
  private rebuild(): void {
    this.built = true;
    const problems: ModelsNode[] = this.history.problems().map((problem) => ({
      kind: 'problem',
      treeItem: problemItem(problem),
      problem,
    }));
    // Grouped ahead by `refresh` when that was for the runs the history holds now; else now.
    const prepared = this.prepared;
    this.prepared = undefined;
    const runs = prepared?.source === this.history.all() ? prepared.runs : groupRuns(this.history);
    this.roots = [
      ...problems,
      ...groupByFolder(
        this.modelUris,
        (uri) => runs.get(uri.toString()) ?? { entries: [] },
        (uri) => this.studies?.forModel(uri) ?? [],
      ),
    ];
  }

  getTreeItem(node: ModelsNode): vscode.TreeItem {
    return node.treeItem;
  }

  getChildren(node?: ModelsNode): ModelsNode[] {
    if (!node) {
      if (!this.loading) void this.refresh();
      return this.currentRoots();
    }
    if (node.kind === 'folder') return node.children;
    if (node.kind === 'model') return [...(node.studies ?? []), ...this.paged(node)];
    if (isStudyNode(node)) return this.paged(node);
    return [];
  }

  /** The runs of a model or study on its current page, then the item that shows more. */
  private paged(home: Extract<ModelsNode, { kind: 'model' }> | StudyNode): ModelsNode[] {
    const key = home.treeItem.id!;
    const page = pageOf(home.runs, this.pages.shownFor(key), (r) => r.record.baseline === true);
    if (page.older === 0) return page.visible;
    const more: MoreRunsNode = { kind: 'more-runs', treeItem: moreRunsItem(key, page), key, parent: home };
    return [...page.visible, more];
  }

  /** Show the next page of a model's or study's runs (the "Show 50 more" item's command). */
  showMoreRuns(key: string): void {
    this.pages.showMore(key);
    // The whole tree, not the node: after a rebuild the node VS Code holds may be an older object.
    this.changed.fire(undefined);
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
    for (const root of this.currentRoots()) {
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
    return this.currentRoots().filter(
      (n): n is Extract<ModelsNode, { kind: 'problem' }> => n.kind === 'problem',
    );
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
    problem.partial
      ? vscode.l10n.t(
          'The iterations of run record {0} could not be read — {1}',
          problem.file,
          problem.reason,
        )
      : vscode.l10n.t('1 run record could not be read: {0} — {1}', problem.file, problem.reason),
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

/** One turn of the event loop: what waits (VS Code's requests, other extensions) goes first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

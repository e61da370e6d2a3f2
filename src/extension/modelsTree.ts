/**
 * The Models view: the workspace's model files grouped by folder. Files are found with
 * `workspace.findFiles` (asynchronous, off the extension host's thread) and cached; `getChildren`
 * only reads the cache. Nodes are `{ kind, treeItem, parent }`; `kind` is the contextValue.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionConfig } from './config';

export type ModelsNode =
  | { kind: 'folder'; label: string; uri: vscode.Uri; children: ModelsNode[]; parent?: ModelsNode }
  | { kind: 'model'; uri: vscode.Uri; parent?: ModelsNode };

export class ModelsTreeProvider implements vscode.TreeDataProvider<ModelsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ModelsNode[] = [];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly getConfig: () => ExtensionConfig,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Rescan the workspace; the view refreshes when the scan is done. */
  refresh(): Promise<void> {
    this.loading = this.scan().then(
      () => this.changed.fire(undefined),
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
    const include = cfg.modelInclude.length === 1 ? cfg.modelInclude[0] : `{${cfg.modelInclude.join(',')}}`;
    const exclude = cfg.modelExclude.length === 0 ? null : `{${cfg.modelExclude.join(',')}}`;
    const uris = await vscode.workspace.findFiles(include, exclude);
    this.roots = groupByFolder(uris);
    this.log.debug(`Models view: ${uris.length} model file(s)`);
  }

  getTreeItem(node: ModelsNode): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.contextValue = 'folder';
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = node.uri;
      return item;
    }
    const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.None);
    item.label = path.basename(node.uri.fsPath);
    item.contextValue = 'model';
    item.iconPath = new vscode.ThemeIcon('symbol-class');
    item.tooltip = node.uri.fsPath;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
    return item;
  }

  getChildren(node?: ModelsNode): ModelsNode[] {
    if (!node) {
      if (!this.loading) void this.refresh();
      return this.roots;
    }
    return node.kind === 'folder' ? node.children : [];
  }

  getParent(node: ModelsNode): ModelsNode | undefined {
    return node.parent;
  }

  /** Every model URI currently listed, in display order. */
  listedModels(): vscode.Uri[] {
    const out: vscode.Uri[] = [];
    const walk = (nodes: ModelsNode[]) => {
      for (const n of nodes) {
        if (n.kind === 'model') out.push(n.uri);
        else walk(n.children);
      }
    };
    walk(this.roots);
    return out;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Folders (relative to their workspace folder) holding models, sorted; models sorted by name. */
function groupByFolder(uris: vscode.Uri[]): ModelsNode[] {
  const byFolder = new Map<string, { uri: vscode.Uri; models: vscode.Uri[] }>();
  for (const uri of uris) {
    const dir = vscode.Uri.joinPath(uri, '..');
    const key = dir.toString();
    const entry = byFolder.get(key) ?? { uri: dir, models: [] };
    entry.models.push(uri);
    byFolder.set(key, entry);
  }
  const folders = [...byFolder.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  return folders.map(({ uri, models }) => {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const rel = vscode.workspace.asRelativePath(uri, multiRoot);
    const folder: ModelsNode = {
      kind: 'folder',
      label: rel === uri.fsPath ? uri.fsPath : rel || '.',
      uri,
      children: [],
    };
    folder.children = models
      .sort((a, b) => path.basename(a.path).localeCompare(path.basename(b.path)))
      .map((m) => ({ kind: 'model', uri: m, parent: folder }) as ModelsNode);
    return folder;
  });
}

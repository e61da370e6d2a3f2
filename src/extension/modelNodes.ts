/**
 * The Models view's nodes, built from memory: folders holding models, each model with its studies
 * and runs (a study's runs inside their study), run items made only when first shown. The provider
 * (`modelsTree.ts`) decides when to build and what a page shows.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineForModel } from '../core/engines/registry';
import type { RunDistinction } from '../core/records/runDistinctions';
import type { HistoryEntry } from './history/runHistory';
import { runTreeItem } from './history/runItem';
import type { ModelRuns } from './history/runsByModel';
import type { StudyEntry } from './explore/studyHistory';
import { studyKind, studyTreeItem } from './explore/studyItem';
import type { ModelsNode, RunNode, StudyNode } from './modelsTree';

/** Folders (relative to their workspace folder) holding models, sorted; models sorted by name. */
export function groupByFolder(
  uris: vscode.Uri[],
  runsOf: (uri: vscode.Uri) => ModelRuns,
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
  { entries, distinctions }: ModelRuns,
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
  // Labels say what sets a run apart from all the model's runs, shown or not (`modelRuns`).
  for (const entry of entries) {
    const study = entry.record.study ? byStudy.get(entry.record.study.id) : undefined;
    const home = study ?? node;
    home.runs.push(runNode(entry, home, distinctions?.get(entry.record.id)));
  }
  for (const study of node.studies) {
    if (study.runs.length === 0) continue;
    study.treeItem.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    const runs =
      study.runs.length === 1 ? vscode.l10n.t('1 run') : vscode.l10n.t('{0} runs', study.runs.length);
    study.treeItem.description = [study.treeItem.description, runs].filter(Boolean).join(' · ');
  }
  return node;
}

/** A run's node; its tree item (label, icon, markdown tooltip) is made when the tree first asks. */
function runNode(entry: HistoryEntry, parent: ModelsNode, distinction?: RunDistinction): RunNode {
  let item: vscode.TreeItem | undefined;
  return {
    kind: entry.record.baseline ? 'run-baseline' : 'run',
    get treeItem() {
      return (item ??= runTreeItem(entry.record, distinction));
    },
    entry,
    record: entry.record,
    parent,
  };
}

/**
 * The "Show 50 more (N older)" item that closes a page of runs in the Models view (paging itself:
 * `runPages.ts`). Its command widens the node named by `key` (the node's tree id).
 */
import * as vscode from 'vscode';
import type { RunPage } from './runPages';

export function moreRunsItem(key: string, page: RunPage<unknown>): vscode.TreeItem {
  const item = new vscode.TreeItem(
    vscode.l10n.t('Show {0} more ({1} older)', page.next, page.older),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = `more-runs:${key}`;
  item.contextValue = 'more-runs';
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = {
    command: 'lar-explorer.showMoreRuns',
    title: vscode.l10n.t('Show more runs'),
    arguments: [key],
  };
  return item;
}

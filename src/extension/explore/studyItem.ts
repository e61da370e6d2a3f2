/**
 * How a study looks in the Models view, under its model: title, state (running / stopped /
 * finished), the winner per target, when. `contextValue` tells the menus which actions apply.
 */
import * as vscode from 'vscode';
import type { StudyEntry } from './studyHistory';
import { runStartText } from '../history/runItem';

export type StudyNodeKind = 'study' | 'study-stopped' | 'study-running';

export function studyKind(entry: StudyEntry): StudyNodeKind {
  if (entry.running) return 'study-running';
  const why = entry.record.stoppedBecause;
  return why === 'settled' || why === 'budget' || why === 'failed' ? 'study' : 'study-stopped';
}

/** `fast-run ×0.82` per target, or "no winner". */
export function winnerText(entry: StudyEntry): string {
  const parts = entry.record.targets.map((t) => {
    const best = t.ranking.find((r) => r.verdict === 'faster');
    return best?.estimate ? `${best.label} ×${best.estimate.ratio.toFixed(2)}` : vscode.l10n.t('no winner');
  });
  return [...new Set(parts)].join(', ');
}

function stateText(entry: StudyEntry): string {
  switch (studyKind(entry)) {
    case 'study-running':
      return vscode.l10n.t('running');
    case 'study-stopped':
      return vscode.l10n.t('stopped');
    default:
      return entry.record.stoppedBecause === 'failed' ? vscode.l10n.t('failed') : vscode.l10n.t('finished');
  }
}

export function studyTreeItem(entry: StudyEntry): vscode.TreeItem {
  const kind = studyKind(entry);
  const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.None);
  item.id = `study:${entry.record.id}`;
  item.contextValue = kind;
  item.iconPath = new vscode.ThemeIcon(
    kind === 'study-running' ? 'loading~spin' : kind === 'study-stopped' ? 'debug-pause' : 'beaker',
  );
  const state = stateText(entry);
  const winner = kind === 'study-running' ? '' : winnerText(entry);
  item.description = [state, winner, runStartText({ startedAt: entry.record.createdAt } as never)]
    .filter(Boolean)
    .join(' · ');
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.appendText(`${entry.title} — ${state}\n\n`);
  md.appendText(entry.record.definition.candidates.map((c) => c.label).join(', '));
  md.appendText(`\n\n${entry.file}`);
  item.tooltip = md;
  item.command = {
    command: 'lar-explorer.openStudy',
    title: vscode.l10n.t('Open Study'),
    arguments: [{ kind, entry }],
  };
  item.accessibilityInformation = { label: `${entry.title}, ${state}${winner ? `, ${winner}` : ''}` };
  return item;
}

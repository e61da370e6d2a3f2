/**
 * `lar-explorer.showProfile`: opens the Profile panel for a run (a Models-tree node, a run id, or
 * a pick from the history). A run without a profile gets a message saying how to make one, and
 * why its timings then stand apart.
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { profilePathOf } from '../../core/profile';
import { isRunNode } from '../modelsTree';
import type { HistoryEntry, RunHistory } from '../history/runHistory';
import { runStartText, runSummaryLabel } from '../history/runItem';
import type { ProfilePanels } from './profilePanel';

export interface ProfileCommandDeps {
  history: RunHistory;
  profiles: ProfilePanels;
  log: vscode.LogOutputChannel;
}

export function registerProfileCommands(deps: ProfileCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('lar-explorer.showProfile', async (arg?: unknown) => {
      try {
        await showProfile(deps, arg);
      } catch (err) {
        deps.log.error('lar-explorer.showProfile failed', err);
        void vscode.window.showErrorMessage(
          vscode.l10n.t('The command failed: {0}', err instanceof Error ? err.message : String(err)),
        );
      }
    }),
  ];
}

async function resolveEntry(deps: ProfileCommandDeps, arg: unknown): Promise<HistoryEntry | undefined> {
  if (isRunNode(arg)) return deps.history.find(arg.record.id) ?? arg.entry;
  await deps.history.whenLoaded();
  if (typeof arg === 'string') {
    // A run the Benchmark panel just saved may be newer than the history's last read.
    if (!deps.history.find(arg)) await deps.history.reload();
    return deps.history.find(arg);
  }
  const withProfile = deps.history
    .all()
    .filter((e) => profilePathOf(e.record, e.folder.uri.fsPath) !== null)
    .reverse();
  if (withProfile.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No saved run has a profile yet. Turn on profiling (--profile) for a run; profiling slows it.',
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    withProfile.map((entry) => ({
      label: entry.record.label ?? runSummaryLabel(entry.record),
      description: entry.record.model.path,
      detail: runStartText(entry.record),
      entry,
    })),
    { title: vscode.l10n.t('Run whose profile to show') },
  );
  return picked?.entry;
}

async function showProfile(deps: ProfileCommandDeps, arg: unknown): Promise<void> {
  const entry = await resolveEntry(deps, arg);
  if (!entry) return;
  const file = profilePathOf(entry.record, entry.folder.uri.fsPath);
  if (!file) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This run has no profile. Run it again with profiling on (--profile FILE); profiling slows the run, so compare its timings only with other profiled runs.',
      ),
    );
    return;
  }
  const exists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The profile file of this run is gone: {0}', file));
    return;
  }
  deps.profiles.show(entry.record, file);
}

/**
 * The Targets view's commands: check a target's connection (result as the item's description and
 * tooltip plus a notification), open its settings, and re-read the target list. Each accepts a tree
 * node (context menu) or nothing (palette: asks which target).
 */
import { engineForTargetChecks } from '../../core/engines/registry';
import * as vscode from 'vscode';
import type { TargetChecker } from './targetChecker';
import type { TargetRegistry } from './targetRegistry';
import type { TargetRef } from './targetRef';
import { openMachineSetting } from '../settingsEditor';
import { registerTargetSetup, SET_PATH_COMMAND } from './targetSetup';
import { describeFacts, type TargetNode } from './targetsTree';

export interface TargetCommandDeps {
  registry: TargetRegistry;
  checker: TargetChecker;
}

export function registerTargetCommands({ registry, checker }: TargetCommandDeps): vscode.Disposable[] {
  return [
    ...registerTargetSetup(registry),
    vscode.commands.registerCommand('lar-explorer.refreshTargets', () => registry.refresh()),
    vscode.commands.registerCommand('lar-explorer.checkTarget', async (node?: TargetNode) => {
      const target = node?.target ?? (await pickTarget(registry));
      if (target) return checkConnection(target, checker);
      return undefined;
    }),
    vscode.commands.registerCommand('lar-explorer.openTargetSettings', async (node?: TargetNode) => {
      const target = node?.target ?? (await pickTarget(registry));
      if (target) await openTargetSettings(target);
    }),
  ];
}

async function pickTarget(registry: TargetRegistry): Promise<TargetRef | undefined> {
  await registry.whenLoaded();
  const picked = await vscode.window.showQuickPick(
    registry
      .list()
      .map((t) => ({ label: t.label, description: t.kind === 'ssh' ? t.destination : undefined, target: t })),
    { placeHolder: vscode.l10n.t('Choose a target') },
  );
  return picked?.target;
}

/** Check one target with a progress notification, then say what was found. */
export async function checkConnection(target: TargetRef, checker: TargetChecker) {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'This workspace is not trusted, so nothing runs here. Trust the workspace to benchmark its models.',
      ),
    );
    return undefined;
  }
  const facts = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}…', target.label) },
    () => checker.check(target),
  );
  if (!facts) {
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The path of load_and_run is not set. Set lar-explorer.loadAndRun.path to your load_and_run binary.',
      ),
      vscode.l10n.t('Set path…'),
    );
    if (choice) await vscode.commands.executeCommand(SET_PATH_COMMAND);
    return undefined;
  }
  const summary = describeFacts(facts) ?? '';
  if (facts.reachable && !facts.problem) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: {1}', target.label, summary));
  } else {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', target.label, summary));
  }
  return facts;
}

/**
 * Per-target settings live in the machine-scoped `lar-explorer.targets` array. A host from the ssh
 * config gets an entry (name and destination) first, so there is something to edit.
 */
async function openTargetSettings(target: TargetRef): Promise<void> {
  if (target.kind === 'local') {
    await openMachineSetting('lar-explorer.loadAndRun.path');
    return;
  }
  if (target.source === 'ssh-config') {
    const config = vscode.workspace.getConfiguration('lar-explorer');
    const current = config.get<unknown[]>('targets', []);
    const list = Array.isArray(current) ? current : [];
    await config.update(
      'targets',
      [...list, { name: target.label, destination: target.destination, loadAndRunPath: binaryName() }],
      vscode.ConfigurationTarget.Global,
    );
  }
  // The Settings editor shows the array with an "Edit in settings.json" link to the right file
  // (user or remote machine settings).
  await openMachineSetting('lar-explorer.targets');
}

/** The installed program a new target starts with: the one target checks ask (on the board's PATH). */
function binaryName(): string {
  const program = engineForTargetChecks()?.program;
  return program?.kind === 'binary' ? program.name : '';
}

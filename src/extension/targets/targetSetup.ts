/**
 * Getting a newcomer to a runnable target: "Set load_and_run Path…" (a file picker, checked before
 * it is saved), "Add SSH Target…" (a destination checked as ssh reads it, then a name), and a
 * warning as soon as `lar-explorer.loadAndRun.path` is set to something that cannot start, instead
 * of at the first Run. Both settings are machine-scoped, so they are written to the user (or
 * remote machine) settings, never to the workspace.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localProgramProblem } from '../../core/runners/localRunner';
import { destinationProblem, parseDestination } from '../../core/runners/sshTargets';
import { openMachineSetting } from '../settingsEditor';
import type { TargetRegistry } from './targetRegistry';

export const SET_PATH_COMMAND = 'lar-explorer.setLoadAndRunPath';
export const ADD_TARGET_COMMAND = 'lar-explorer.addTarget';

/** Where a newcomer reads how to get load_and_run (MegEngine builds it from source). */
export const GET_LOAD_AND_RUN_URL =
  'https://www.megengine.org.cn/doc/stable/zh/user-guide/deployment/lite/load_and_run/index.html';

export function registerTargetSetup(registry: TargetRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SET_PATH_COMMAND, () => setLoadAndRunPath()),
    vscode.commands.registerCommand(ADD_TARGET_COMMAND, () => addSshTarget(registry)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lar-explorer.loadAndRun.path')) void warnIfUnusable(currentPath());
    }),
  ];
}

function currentPath(): string {
  return vscode.workspace.getConfiguration('lar-explorer').get<string>('loadAndRun.path', '').trim();
}

/** The sentence for a path that cannot start, or null when it can (or is empty). */
export async function pathProblem(p: string): Promise<string | null> {
  if (!p) return null;
  const problem = await localProgramProblem(
    p,
    vscode.l10n.t('Set lar-explorer.loadAndRun.path to your load_and_run binary.'),
  );
  if (!problem) return null;
  const text = problem.textIn(vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');
  return `${text.message} ${text.hint}`.trim();
}

async function warnIfUnusable(p: string): Promise<void> {
  const problem = await pathProblem(p);
  if (!problem) return;
  const fix = vscode.l10n.t('Set path…');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('lar-explorer.loadAndRun.path cannot be run: {0}', problem),
    fix,
  );
  if (choice === fix) await vscode.commands.executeCommand(SET_PATH_COMMAND);
}

/** Pick the binary; a file that cannot start is refused with the reason, and nothing is saved. */
export async function setLoadAndRunPath(): Promise<string | undefined> {
  const current = currentPath();
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Choose the load_and_run binary'),
    openLabel: vscode.l10n.t('Use this load_and_run'),
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    ...(current && path.isAbsolute(current) ? { defaultUri: vscode.Uri.file(path.dirname(current)) } : {}),
  });
  const file = picked?.[0]?.fsPath;
  if (!file) return undefined;
  const problem = await pathProblem(file);
  if (problem) {
    const again = vscode.l10n.t('Choose another…');
    const where = vscode.l10n.t('Where to get load_and_run');
    const choice = await vscode.window.showErrorMessage(problem, again, where);
    if (choice === again) return setLoadAndRunPath();
    if (choice === where) await vscode.env.openExternal(vscode.Uri.parse(GET_LOAD_AND_RUN_URL));
    return undefined;
  }
  await vscode.workspace
    .getConfiguration('lar-explorer')
    .update('loadAndRun.path', file, vscode.ConfigurationTarget.Global);
  const open = vscode.l10n.t('Open Setting');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('load_and_run set to {0}', file), open)
    .then((c) => (c === open ? openMachineSetting('lar-explorer.loadAndRun.path') : undefined));
  return file;
}

/** Ask for a destination (checked as ssh reads it) and a name, and add the target. */
export async function addSshTarget(registry: TargetRegistry): Promise<string | undefined> {
  const destination = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Add SSH Target (1/2)'),
      prompt: vscode.l10n.t(
        'SSH destination: a host of your ~/.ssh/config, user@host or ssh://user@host:port',
      ),
      placeHolder: 'user@board.local',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? destinationProblem(v.trim()) : null),
    })
  )?.trim();
  if (!destination) return undefined;
  const config = vscode.workspace.getConfiguration('lar-explorer');
  const list = config.get<unknown[]>('targets', []);
  const entries = Array.isArray(list) ? list : [];
  const taken = new Set(
    entries.map((e) => (e && typeof e === 'object' ? String((e as { name?: unknown }).name) : '')),
  );
  const name = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Add SSH Target (2/2)'),
      prompt: vscode.l10n.t('Name shown in the Targets view and the Benchmark panel'),
      value: parseDestination(destination).host,
      ignoreFocusOut: true,
      validateInput: (v) =>
        !v.trim()
          ? vscode.l10n.t('Give the target a name.')
          : taken.has(v.trim())
            ? vscode.l10n.t('A target named {0} exists already.', v.trim())
            : null,
    })
  )?.trim();
  if (!name) return undefined;
  await config.update('targets', [...entries, { name, destination }], vscode.ConfigurationTarget.Global);
  await registry.refresh();
  const check = vscode.l10n.t('Check Connection');
  const settings = vscode.l10n.t('Open Target Settings');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Added target {0} ({1}).', name, destination),
    check,
    settings,
  );
  if (choice === settings) await openMachineSetting('lar-explorer.targets');
  if (choice === check) {
    const target = registry.list().find((t) => t.kind === 'ssh' && t.label === name);
    if (target) await vscode.commands.executeCommand('lar-explorer.checkTarget', { target });
  }
  return name;
}

/**
 * Opening the Settings editor on one of our machine-scoped settings. In a remote window (SSH,
 * WSL, code-server) a machine setting lives on the Remote tab only: the User tab says "No Settings
 * Found". So the remote tab is opened there, the User tab elsewhere.
 */
import * as vscode from 'vscode';

export async function openMachineSetting(key: string): Promise<void> {
  const command = vscode.env.remoteName
    ? 'workbench.action.openRemoteSettings'
    : 'workbench.action.openSettings';
  // Both commands take `{ query }`; the remote one ignores a bare string.
  await vscode.commands.executeCommand(command, { query: key });
}

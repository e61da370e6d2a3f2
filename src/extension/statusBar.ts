/**
 * The status bar item shown while runs are going: what runs (or how many), a spinner, and a click
 * that shows the extension's log. Hidden when nothing runs. Owns its item and its one command.
 */
import * as vscode from 'vscode';

const SHOW_LOG_COMMAND = 'lar-explorer.showRunLog';

export class RunStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly command: vscode.Disposable;
  private readonly active = new Map<number, string>();
  private nextId = 1;

  constructor(log: vscode.LogOutputChannel) {
    this.item = vscode.window.createStatusBarItem('lar-explorer.run', vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('Load and Run: benchmark in progress');
    this.item.command = SHOW_LOG_COMMAND;
    this.command = vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show(true));
  }

  /** Show `what` as running until the returned disposable is disposed. */
  begin(what: string): vscode.Disposable {
    const id = this.nextId++;
    this.active.set(id, what);
    this.render();
    return new vscode.Disposable(() => {
      this.active.delete(id);
      this.render();
    });
  }

  /** How many runs the item is showing (tests read it). */
  get running(): number {
    return this.active.size;
  }

  /** The item's current text (tests read it). */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const names = [...this.active.values()];
    if (names.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text =
      names.length === 1
        ? `$(loading~spin) ${vscode.l10n.t('Benchmarking {0}', names[0]!)}`
        : `$(loading~spin) ${vscode.l10n.t('{0} benchmarks running', names.length)}`;
    this.item.tooltip = `${names.join('\n')}\n${vscode.l10n.t('Click to show the log.')}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.command.dispose();
  }
}

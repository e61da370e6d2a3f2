/**
 * The Profile panel's host half: an editor tab showing where one run's time goes, per operator or
 * per type. It reads the run's profile file with the core's streaming reader (never in a tree
 * provider), builds the view model and sends it when the webview says `ready`. A profile that
 * cannot be read becomes an `error` message the webview shows in place of the tables.
 */
import * as vscode from 'vscode';
import { readProfileFile, profileReadOptionsOf, type OperatorProfile } from '../../core/profile';
import type { RunBasics } from '../../core/records/runHead';
import type { UiStrings } from '../../shared/protocol';
import {
  profileWebviewMessageSchema,
  type ProfileHostMessage,
  type ProfileViewModel,
  type ProfileWebviewMessage,
} from '../../shared/profileProtocol';
import { PanelMessenger, renderWebviewShell, webviewOptions } from '../webviewHost';
import { buildProfileViewModel, profileUiStrings } from './profileViewModel';

export interface ProfilePanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

export class ProfilePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly messenger: PanelMessenger<ProfileWebviewMessage, ProfileHostMessage>;
  readonly strings: UiStrings;
  /** Settles when the profile has been read (or failed); tests await it. */
  readonly loaded: Promise<void>;
  private current: ProfileViewModel | undefined;
  private failure: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private readonly deps: ProfilePanelDeps,
    readonly record: RunBasics,
    readonly file: string,
    onDispose: () => void,
  ) {
    this.strings = profileUiStrings();
    this.panel = vscode.window.createWebviewPanel(
      'lar-explorer.profile',
      vscode.l10n.t('Profile: {0}', record.label ?? record.model.path.split(/[\\/]/).pop() ?? record.id),
      vscode.ViewColumn.Active,
      webviewOptions(deps.extensionUri),
    );
    this.messenger = new PanelMessenger(
      this.panel.webview,
      profileWebviewMessageSchema,
      deps.log,
      'Profile panel',
      (m) => this.handle(m),
    );
    this.disposables.push(
      this.messenger,
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
    this.loaded = this.load();
    this.panel.webview.html = renderWebviewShell({
      webview: this.panel.webview,
      extensionUri: deps.extensionUri,
      script: 'profile.js',
      styles: ['profile.css'],
      title: this.strings.title,
      lang: vscode.env.language,
    });
  }

  /** The view model shown (undefined until read, or when reading failed). */
  get model(): ProfileViewModel | undefined {
    return this.current;
  }

  get error(): string | undefined {
    return this.failure;
  }

  private async load(): Promise<void> {
    try {
      const profile: OperatorProfile = await readProfileFile(this.file, profileReadOptionsOf(this.record));
      this.current = buildProfileViewModel(this.record, profile);
      this.deps.log.info(`Profile panel: read ${profile.operators.length} operators from ${this.file}`);
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`Profile panel: cannot read ${this.file}`, err);
    }
  }

  private async handle(msg: ProfileWebviewMessage): Promise<unknown> {
    switch (msg.type) {
      case 'ready':
        await this.loaded;
        if (this.current)
          await this.messenger.post({ type: 'init', strings: this.strings, model: this.current });
        else await this.messenger.post({ type: 'error', strings: this.strings, message: this.failure ?? '' });
        return undefined;
      case 'openFile':
        await vscode.window.showTextDocument(vscode.Uri.file(this.file), { preview: true });
        return undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

/** Every open Profile panel; `current` is the one opened last (tests and commands use it). */
export class ProfilePanels implements vscode.Disposable {
  private readonly open = new Set<ProfilePanel>();
  current: ProfilePanel | undefined;

  constructor(private readonly deps: ProfilePanelDeps) {}

  show(record: RunBasics, file: string): ProfilePanel {
    const panel = new ProfilePanel(this.deps, record, file, () => {
      this.open.delete(panel);
      if (this.current === panel) this.current = undefined;
    });
    this.open.add(panel);
    this.current = panel;
    return panel;
  }

  dispose(): void {
    for (const p of [...this.open]) p.dispose();
    this.open.clear();
  }
}

/**
 * The host half shared by every webview panel: the strict-CSP HTML shell (nonce per render,
 * scripts by nonce only, styles from the extension's media), and a messenger that checks every
 * message arriving from the webview against the panel's zod schema before anyone acts on it.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type * as z from 'zod';
import type { Reply } from '../shared/protocol';

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

export interface ShellOptions {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  /** Bundle under dist/webview/, e.g. `benchmark.js`. */
  script: string;
  /** Stylesheets under media/, e.g. `benchmark.css`. */
  styles: string[];
  title: string;
  lang: string;
}

/** The only HTML a panel ever gets: no data in it, everything else arrives by message. */
export function renderWebviewShell(o: ShellOptions): string {
  const nonce = makeNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${o.webview.cspSource} data:`,
    `style-src ${o.webview.cspSource}`,
    `font-src ${o.webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const asUri = (...p: string[]) =>
    o.webview.asWebviewUri(vscode.Uri.joinPath(o.extensionUri, ...p)).toString();
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const links = o.styles
    .map((s) => `<link rel="stylesheet" href="${esc(asUri('media', s))}">`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="${esc(o.lang)}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${links}
    <title>${esc(o.title)}</title>
  </head>
  <body>
    <main id="app" aria-busy="true"></main>
    <script nonce="${nonce}" src="${esc(asUri('dist', 'webview', o.script))}"></script>
  </body>
</html>`;
}

/** Webview options every panel uses: scripts on, resources only from dist/webview and media. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/**
 * Receives messages from one webview, checks each against `schema`, and hands only valid ones to
 * `handle`. Invalid messages are logged and counted (tests read `rejected`), never acted on.
 */
export class PanelMessenger<In extends { type: string; requestId?: number }, Out>
  implements vscode.Disposable
{
  rejected = 0;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly schema: z.ZodType<In>,
    private readonly log: vscode.LogOutputChannel,
    private readonly panelName: string,
    private readonly handle: (msg: In) => unknown,
  ) {
    this.sub = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** Check one message from the webview and act on it only when it matches the protocol. */
  async receive(raw: unknown): Promise<void> {
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      this.rejected++;
      const why = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
        .join('; ');
      this.log.warn(
        `${this.panelName}: rejected a message from the webview that does not match the protocol: ${why}`,
      );
      return;
    }
    const msg = parsed.data;
    try {
      const value = await this.handle(msg);
      if (msg.requestId !== undefined)
        await this.reply({ type: 'reply', requestId: msg.requestId, ok: true, value });
    } catch (err) {
      this.log.error(`${this.panelName}: handling "${msg.type}" failed`, err);
      if (msg.requestId !== undefined) {
        await this.reply({
          type: 'reply',
          requestId: msg.requestId,
          ok: false,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }

  post(msg: Out): Thenable<boolean> {
    return this.webview.postMessage(msg);
  }

  private reply(r: Reply): Thenable<boolean> {
    return this.webview.postMessage(r);
  }

  dispose(): void {
    this.sub.dispose();
  }
}

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands } from '../../protocol/src/protocol';
import { dashboardHtml } from './dashboardHtml';
import type { SecretsView } from './secretsView';
import type { SecretRow } from './secretsModel';

/** Show Rotation Status: one webview panel, re-rendered whenever the secrets snapshot changes. */
export class Dashboard implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private rows: SecretRow[] = [];
  private readonly sub: vscode.Disposable;

  constructor(private readonly view: SecretsView) {
    this.sub = view.onDidLoad((s) => this.render(s.secrets));
  }

  dispose(): void {
    this.sub.dispose();
    this.panel?.dispose();
  }

  async show(): Promise<vscode.WebviewPanel> {
    if (!this.panel) {
      // no local resources at all: everything is inline under the nonce
      this.panel = vscode.window.createWebviewPanel('rotationGuard.dashboard', 'Rotation Status', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: { type?: string; index?: number }) => {
        const r = typeof m.index === 'number' ? this.rows[m.index] : undefined;
        if (m.type === 'reveal' && r) void vscode.window.showTextDocument(r.policyUri, { selection: new vscode.Range(r.line, 0, r.line, 0), preview: false });
      });
    } else this.panel.reveal();
    // always fresh: a ledger written by the CLI may not have reached the file watcher yet
    this.view.refresh();
    this.render((await this.view.load()).secrets);
    return this.panel;
  }

  /** The last HTML rendered (tests check the CSP and that no value or remote URL is in it). */
  html(): string | undefined {
    return this.panel?.webview.html;
  }

  private render(rows: SecretRow[]): void {
    if (!this.panel) return;
    this.rows = rows;
    this.panel.webview.html = dashboardHtml(rows, { nonce: randomBytes(16).toString('hex') });
  }
}

export const showStatusCommand = (d: Dashboard) => ({ [Commands.showStatus]: () => d.show().then(() => true) });

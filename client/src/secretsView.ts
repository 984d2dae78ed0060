import * as vscode from 'vscode';
import { SecretsStateRequest } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';

const stateIcons: Record<string, string> = {
  ok: 'pass',
  'due-soon': 'clock',
  overdue: 'warning',
  compromised: 'error',
  'never-rotated': 'circle-outline',
};

export class SecretItem extends vscode.TreeItem {
  constructor(readonly secret: SecretsStateRequest.SecretState) {
    super(secret.id, vscode.TreeItemCollapsibleState.None);
    this.contextValue = 'secret';
    this.description = describe(secret);
    this.iconPath = new vscode.ThemeIcon(stateIcons[secret.state] ?? 'key');
    this.tooltip = `${secret.id}: ${secret.state}${secret.lastRotated ? `\nlast rotated ${secret.lastRotated}` : ''}${secret.dueAt ? `\ndue ${secret.dueAt}` : ''}`;
    this.command = { title: 'Open policy', command: 'vscode.open', arguments: [vscode.Uri.parse(secret.policyUri), { selection: new vscode.Range(secret.line, 0, secret.line, 0) }] };
  }
}

function describe(s: SecretsStateRequest.SecretState): string {
  if (!s.dueAt) return s.state;
  const days = Math.round((Date.parse(s.dueAt) - Date.now()) / 86_400_000);
  return days < 0 ? `${s.state} · ${-days}d overdue` : `${s.state} · due in ${days}d`;
}

/** The Secrets view: each policy secret with its state, from the server's SecretsStateRequest. */
export class SecretsView implements vscode.TreeDataProvider<SecretItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: Ctx) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: SecretItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<SecretItem[]> {
    const client = this.ctx.client;
    if (!client?.isRunning()) return [];
    try {
      const res = await client.sendRequest<SecretsStateRequest.Result>(SecretsStateRequest.method, {} satisfies SecretsStateRequest.Params);
      return res.secrets.map((s) => new SecretItem(s));
    } catch (err) {
      this.ctx.log.error(`secrets view: ${(err as Error).message}`);
      return [];
    }
  }
}

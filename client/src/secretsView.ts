import * as vscode from 'vscode';
import { Commands } from '../../protocol/src/protocol';
import { assistantExposureMarkdown } from './assistantHooks';
import type { Ctx } from './ctx';
import { ageText, dueText, needingAction, requestSecrets, type PolicyProblemRow, type SecretRow, type SecretsSnapshot } from './secretsModel';

const stateIcons: Record<string, [icon: string, color?: string]> = {
  ok: ['pass', 'testing.iconPassed'],
  'due-soon': ['clock', 'list.warningForeground'],
  overdue: ['warning', 'list.warningForeground'],
  compromised: ['error', 'list.errorForeground'],
  'never-rotated': ['circle-outline'],
};

function lastEventText(r: SecretRow): string {
  if (!r.lastEvent) return 'no ledger entry yet';
  return `${r.lastEvent.step} ${r.lastEvent.outcome} on ${r.lastEvent.at.slice(0, 10)}`;
}

/** A policy secret: state icon, age and due date inline; stores and last event in the tooltip. */
export class SecretItem extends vscode.TreeItem {
  constructor(readonly secret: SecretRow) {
    super(secret.id, vscode.TreeItemCollapsibleState.None);
    this.contextValue = secret.provider ? 'secret.rotatable' : 'secret';
    this.id = `${secret.policyUri.toString()}#${secret.id}`;
    this.description = `${secret.exposedIn ? 'EXPOSED · ' : ''}${secret.state} · ${ageText(secret)} · ${dueText(secret)} · ${secret.stores.join(', ')}`;
    const [icon, color] = secret.exposedIn ? ['error', 'list.errorForeground'] : (stateIcons[secret.state] ?? ['key']);
    this.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${secret.id}** — ${secret.state}\n\n`);
    md.appendMarkdown(`- kind: ${secret.kind}${secret.provider ? `, rotated by \`${secret.provider}\`` : ', no rotation provider'}\n`);
    md.appendMarkdown(`- age: ${ageText(secret)}${secret.maxAgeDays ? ` (bound ${secret.maxAgeDays}d)` : ''}; ${dueText(secret)}${secret.dueAt ? ` (${secret.dueAt.slice(0, 10)})` : ''}\n`);
    md.appendMarkdown(`- stores: ${secret.stores.join(', ')}\n`);
    md.appendMarkdown(`- last event: ${lastEventText(secret)}\n`);
    md.appendMarkdown(assistantExposureMarkdown(secret.exposures));
    if (secret.exposedIn) md.appendMarkdown(`- **current value seen in ${secret.exposedIn}** — rotate it\n`);
    md.appendMarkdown(`- policy: ${secret.policyLabel}:${secret.line + 1}\n`);
    this.tooltip = md;
    this.command = { title: 'Reveal in Policy', command: Commands.revealInPolicy, arguments: [this] };
    this.accessibilityInformation = { label: `${secret.id}, ${secret.exposedIn ? `exposed in ${secret.exposedIn}, ` : ''}${secret.state}, ${ageText(secret)}, ${dueText(secret)}, stores ${secret.stores.join(' and ')}, last event ${lastEventText(secret)}` };
  }
}

/** A policy that does not load: shown instead of its secrets, opening the first error. */
class BrokenPolicyItem extends vscode.TreeItem {
  constructor(readonly row: PolicyProblemRow) {
    super(`${row.policyLabel} has errors`, vscode.TreeItemCollapsibleState.None);
    this.description = row.message;
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    this.contextValue = 'policy.broken';
    this.command = { title: 'Open Policy', command: 'vscode.open', arguments: [row.policyUri, { selection: new vscode.Range(row.line, 0, row.line, 0) }] };
  }
}

/** With several policies, each is a folder of its secrets (ids may repeat across policies). */
class PolicyItem extends vscode.TreeItem {
  constructor(readonly policyUri: vscode.Uri, label: string, readonly rows: SecretRow[]) {
    super(label, vscode.TreeItemCollapsibleState.Expanded);
    this.id = policyUri.toString();
    this.resourceUri = policyUri;
    this.description = `${rows.length} secrets`;
    this.contextValue = 'policy';
    this.command = { title: 'Open Policy', command: 'vscode.open', arguments: [policyUri] };
  }
}

type Item = SecretItem | BrokenPolicyItem | PolicyItem;

/**
 * The Secrets view and the status bar item that counts what needs action, both from one
 * snapshot of the policies and ledgers (refreshed on policy/ledger changes and after commands).
 */
export class SecretsView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private snapshot: Promise<SecretsSnapshot> | undefined;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly onSnapshot = new vscode.EventEmitter<SecretsSnapshot>();
  readonly onDidLoad = this.onSnapshot.event;

  /** The server's last answer: what the view keeps showing while the server is down. */
  private last: SecretsSnapshot | undefined;

  constructor(private readonly ctx: Ctx) {
    this.statusItem = vscode.window.createStatusBarItem('rotationGuard.needsAction', vscode.StatusBarAlignment.Left, 9);
    this.statusItem.name = 'Rotation Guard: secrets needing action';
    this.statusItem.command = 'rotationGuard.secrets.focus';
  }

  dispose(): void {
    this.statusItem.dispose();
    this.changed.dispose();
    this.onSnapshot.dispose();
  }

  refresh(): void {
    this.snapshot = undefined;
    this.changed.fire();
    void this.load();
  }

  /** The current snapshot (loaded once per refresh). */
  load(): Promise<SecretsSnapshot> {
    this.snapshot ??= requestSecrets(this.ctx, this.last).then(
      (s) => {
        if (!s.stale) this.last = s;
        this.updateStatus(s);
        this.onSnapshot.fire(s);
        return s;
      },
      (err: unknown) => {
        this.ctx.log.error(`secrets view: ${(err as Error).message}`);
        return this.last ?? { secrets: [], broken: [], policies: 0 };
      },
    );
    return this.snapshot;
  }

  private updateStatus(s: SecretsSnapshot): void {
    const need = needingAction(s.secrets);
    if (!s.policies) {
      this.statusItem.hide();
      return;
    }
    const overdue = need.filter((r) => r.state === 'overdue' && !r.exposedIn).length;
    const exposed = need.length - overdue;
    this.statusItem.text = need.length ? `$(key) ${need.length} to rotate` : '$(key) secrets ok';
    this.statusItem.tooltip = (s.stale ? `(${s.stale}) ` : '') + (need.length
      ? `Rotation Guard: ${overdue} overdue, ${exposed} exposed in a file or compromised — ${need.map((r) => r.id).join(', ')}. Click to open the Secrets view.`
      : `Rotation Guard: ${s.secrets.length} secrets, none overdue or exposed. Click to open the Secrets view.`);
    this.statusItem.backgroundColor = exposed ? new vscode.ThemeColor('statusBarItem.errorBackground') : overdue ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.statusItem.show();
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return item;
  }

  async getChildren(parent?: Item): Promise<Item[]> {
    if (parent instanceof PolicyItem) return parent.rows.map((r) => new SecretItem(r));
    const s = await this.load();
    const broken = s.broken.map((b) => new BrokenPolicyItem(b));
    const byPolicy = new Map<string, SecretRow[]>();
    for (const r of s.secrets) byPolicy.set(r.policyUri.toString(), [...(byPolicy.get(r.policyUri.toString()) ?? []), r]);
    if (byPolicy.size + broken.length <= 1) return [...broken, ...s.secrets.map((r) => new SecretItem(r))];
    return [...broken, ...[...byPolicy.values()].map((rows) => new PolicyItem(rows[0]!.policyUri, rows[0]!.policyLabel, rows))];
  }
}

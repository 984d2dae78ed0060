import * as vscode from 'vscode';
import type { ExposureNotification } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { loadForCommand } from './policies';
import { runRotation } from './rotationRun';

/**
 * What the policy's `exposed-in-file` trigger asks of the editor once the language server has
 * judged a sighting and recorded it (ExposureNotification): `rotate-now` rotates at once unless
 * the server held it (then one notification says why), `notify` shows one notification offering
 * the rotation. The rotation runs here because it may need SecretStorage and a password box.
 */
export class EditorTriggers implements vscode.Disposable {
  private readonly sub: vscode.Disposable;
  /** Every action taken, for tests: `${secretId}:${action}:${what happened}`. */
  readonly fired: string[] = [];
  private readonly firedEmitter = new vscode.EventEmitter<string>();
  readonly onDidFire = this.firedEmitter.event;

  constructor(
    private readonly ctx: Ctx,
    private readonly refresh: () => void,
  ) {
    this.sub = ctx.onExposure((n) => void this.act(n).catch((err: unknown) => ctx.log.error(`trigger for ${n.secret.id}: ${(err as Error).message}`)));
  }

  dispose(): void {
    this.sub.dispose();
    this.firedEmitter.dispose();
  }

  private record(what: string): void {
    this.fired.push(what);
    this.ctx.log.info(`trigger: ${what}`);
    this.firedEmitter.fire(what);
  }

  private async act(n: ExposureNotification.Params): Promise<void> {
    const id = n.secret.id;
    this.refresh();
    const rotate = async () => {
      const loaded = loadForCommand(vscode.Uri.parse(n.secret.policyUri));
      const r = loaded ? await runRotation(this.ctx, { policyPath: loaded.uri.fsPath, policy: loaded.policy, text: loaded.text, secretId: id }, { reason: n.reason }) : undefined;
      this.refresh();
      this.record(`${id}:${n.action}:${r?.status ?? 'not rotated'}`);
    };
    if (n.action === 'rotate-now' && n.canRotate) {
      if (!n.held) {
        this.ctx.log.warn(`${id}: current value found in ${n.where}; the policy says rotate-now: rotating (${n.reason})`);
        return rotate();
      }
      this.record(`${id}:rotate-now:held (${n.held})`);
      const a = await vscode.window.showWarningMessage(
        `Rotation Guard: the current value of ${id} is in ${n.where} (recorded in the ledger). The policy says rotate now, but ${n.held}, so nothing was rotated automatically.`,
        ...(n.needsTrust && !vscode.workspace.isTrusted ? ['Manage Workspace Trust'] : ['Rotate now']),
      );
      if (a === 'Rotate now') return rotate();
      if (a === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    this.record(`${id}:notify:shown`);
    const a = await vscode.window.showWarningMessage(
      `Rotation Guard: the current value of ${id} is in ${n.where} (recorded in the ledger) — it may be in git history, logs or a model's context.${n.canRotate ? ' Rotate it now?' : ` ${n.instructions ?? 'Replace it at its issuer, then Store Secret.'}`}`,
      ...(n.canRotate ? ['Rotate now'] : []),
    );
    if (a === 'Rotate now') await rotate();
  }
}

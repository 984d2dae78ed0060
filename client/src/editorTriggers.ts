import { dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import { loadPolicyFile, type Policy } from '../../core/policy';
import { confirmedHashFor, policyContentHash, resolvePlan } from '../../core/rotation';
import { DIAGNOSTIC_SOURCE, type SecretDiagnosticData } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { findPolicies } from './policies';
import { runRotation } from './rotationRun';

const KNOWN = 'exposed/known-secret';

interface Sighting {
  uri: vscode.Uri;
  line: number;
  secretId: string;
  fingerprint: string;
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** A store file of the secret itself (its .env) holds the value by design: not an exposure. */
function isStoreFile(policy: Policy, policyPath: string, secretId: string, file: string): boolean {
  const secret = policy.secrets.find((s) => s.id === secretId);
  return !!secret?.stores.some((name) => {
    const ref = policy.stores[name] as { type: string; path?: string } | undefined;
    return ref?.type === 'env-file' && !!ref.path && resolve(dirname(policyPath), ref.path) === file;
  });
}

/**
 * The policy's `exposed-in-file` triggers, run in the editor: when the language server reports a
 * secret's CURRENT value in a file (`exposed/known-secret`), `notify` shows one notification
 * offering to rotate; `rotate-now` rotates at once when the workspace is trusted and the policy's
 * exact content was confirmed, else one notification says why not. Each sighting (secret and
 * value fingerprint) acts once per window: after the rotation the value is retired, and a
 * repeated diagnostic refresh never re-triggers.
 */
export class EditorTriggers implements vscode.Disposable {
  private readonly seen = new Set<string>();
  /** Secrets whose current value was seen in a file this session (the status bar counts them as exposed). */
  readonly exposed = new Map<string, string>();
  private readonly sub: vscode.Disposable;
  /** Every action taken, for tests: `${secretId}:${action}:${what happened}`. */
  readonly fired: string[] = [];
  private readonly firedEmitter = new vscode.EventEmitter<string>();
  readonly onDidFire = this.firedEmitter.event;

  constructor(
    private readonly ctx: Ctx,
    private readonly refresh: () => void,
  ) {
    this.sub = vscode.languages.onDidChangeDiagnostics((e) => this.scan(e.uris));
  }

  dispose(): void {
    this.sub.dispose();
    this.firedEmitter.dispose();
  }

  private scan(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      for (const d of vscode.languages.getDiagnostics(uri)) {
        if (d.source !== DIAGNOSTIC_SOURCE || codeOf(d) !== KNOWN) continue;
        const data = (d as vscode.Diagnostic & { data?: SecretDiagnosticData }).data;
        if (!data?.secretId) continue;
        const key = `${data.secretId}|${data.fingerprint}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        void this.act({ uri, line: d.range.start.line, secretId: data.secretId, fingerprint: data.fingerprint }).catch((err: unknown) => this.ctx.log.error(`trigger for ${data.secretId}: ${(err as Error).message}`));
      }
    }
  }

  private record(what: string): void {
    this.fired.push(what);
    this.ctx.log.info(`trigger: ${what}`);
    this.firedEmitter.fire(what);
  }

  private async act(s: Sighting): Promise<void> {
    for (const uri of await findPolicies()) {
      const loaded = loadPolicyFile(uri.fsPath);
      const policy = loaded.policy;
      const secret = policy?.secrets.find((x) => x.id === s.secretId);
      if (!policy || !secret) continue;
      if (isStoreFile(policy, uri.fsPath, s.secretId, s.uri.fsPath)) return;
      this.exposed.set(s.secretId, `${vscode.workspace.asRelativePath(s.uri)}:${s.line + 1}`);
      this.refresh();
      const trigger = secret.triggers?.find((t) => t.on === 'exposed-in-file');
      if (!trigger) return this.record(`${s.secretId}:none:no exposed-in-file trigger`);
      const where = `${vscode.workspace.asRelativePath(s.uri)}:${s.line + 1}`;
      const target = { policyPath: uri.fsPath, policy, text: loaded.text, secretId: s.secretId };
      const canRotate = !!secret.rotation;
      const rotate = async () => {
        const r = await runRotation(this.ctx, target);
        if (r?.status === 'rotated' || r?.status === 'awaiting-revoke') this.exposed.delete(s.secretId);
        this.refresh();
        this.record(`${s.secretId}:${trigger.action}:${r?.status ?? 'not rotated'}`);
      };
      if (trigger.action === 'rotate-now' && canRotate) {
        const why = !vscode.workspace.isTrusted
          ? 'the workspace is not trusted'
          : confirmedHashFor(uri.fsPath) !== policyContentHash(loaded.text)
            ? `${vscode.workspace.asRelativePath(uri)} was not confirmed as it is now (it decides what runs)`
            : undefined;
        if (!why) {
          this.ctx.log.warn(`${s.secretId}: current value found in ${where}; the policy says rotate-now: rotating`);
          return rotate();
        }
        const needsTrust = resolvePlan(policy, s.secretId).trustReasons.length > 0;
        this.record(`${s.secretId}:rotate-now:held (${why})`);
        const a = await vscode.window.showWarningMessage(
          `Rotation Guard: the current value of ${s.secretId} is in ${where}. The policy says rotate now, but ${why}, so nothing was rotated automatically.`,
          ...(needsTrust && !vscode.workspace.isTrusted ? ['Manage Workspace Trust'] : ['Rotate now']),
        );
        if (a === 'Rotate now') return rotate();
        if (a === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
        return;
      }
      this.record(`${s.secretId}:notify:shown`);
      const a = await vscode.window.showWarningMessage(
        `Rotation Guard: the current value of ${s.secretId} is in ${where} — it may be in git history, logs or a model's context.${canRotate ? ' Rotate it now?' : ' Replace it at its issuer, then Store Secret.'}`,
        ...(canRotate ? ['Rotate now'] : []),
      );
      if (a === 'Rotate now') await rotate();
      return;
    }
  }
}

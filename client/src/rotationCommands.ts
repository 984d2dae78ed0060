import * as vscode from 'vscode';
import { markCompromised, pendingRotations, storeSecret } from '../../core/rotation';
import { Commands, type SecretRef } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { loadForCommand, pickPolicy } from './policies';
import { registry, runRotation, type Target } from './rotationRun';
import { SecretItem } from './secretsView';

/**
 * What a command can be called with: the protocol's `SecretRef` (what code lenses, code actions and
 * the server pass), a Secrets view item (what VS Code hands a view's context-menu command), or a
 * policy path and id (command links, tests).
 */
export type SecretArg = SecretItem | SecretRef | { policy?: string; secretId?: string } | undefined;

function givenTarget(arg: SecretArg): { uri?: vscode.Uri; id?: string } {
  if (arg instanceof SecretItem) return { uri: arg.secret.policyUri, id: arg.secret.id };
  if (arg && 'policyUri' in arg) return { uri: vscode.Uri.parse(arg.policyUri), id: arg.id };
  return { uri: arg?.policy ? vscode.Uri.file(arg.policy) : undefined, id: arg?.secretId };
}

/** Resolves the policy and secret a command acts on: from the argument, or by asking. */
async function resolveTarget(ctx: Ctx, arg: SecretArg, title: string, filter: (s: { rotation?: unknown }) => boolean = () => true): Promise<Target | undefined> {
  const given = givenTarget(arg);
  const policyUri = given.uri ?? (await pickPolicy());
  if (!policyUri) return undefined;
  const loaded = loadForCommand(policyUri);
  if (!loaded) return undefined;
  let secretId = given.id;
  if (!secretId) {
    const candidates = loaded.policy.secrets.filter(filter);
    if (!candidates.length) {
      void vscode.window.showWarningMessage(`Rotation Guard: no secret in ${vscode.workspace.asRelativePath(policyUri)} fits (${title.replace(/\?$/, '')}).`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((s) => ({ label: s.id, description: `${s.kind}${s.rotation ? ` · ${s.rotation.provider}` : ''}`, detail: s.description })),
      { title, placeHolder: vscode.workspace.asRelativePath(policyUri) },
    );
    secretId = picked?.label;
  }
  if (!secretId) return undefined;
  if (!loaded.policy.secrets.some((s) => s.id === secretId)) {
    void vscode.window.showErrorMessage(`Rotation Guard: no secret "${secretId}" in ${vscode.workspace.asRelativePath(policyUri)}.`);
    return undefined;
  }
  ctx.log.info(`${title} ${secretId} (${vscode.workspace.asRelativePath(policyUri)})`);
  return { policyPath: policyUri.fsPath, policy: loaded.policy, text: loaded.text, secretId };
}

/** Store errors and engine refusals say what to do and never hold a value: show them as they are. */
const fail = (ctx: Ctx, what: string) => (err: unknown) => {
  ctx.log.error(`${what}: ${(err as Error).message}`);
  void vscode.window.showErrorMessage(`Rotation Guard: ${what} failed — ${(err as Error).message}`, 'Show Output').then((a) => a && ctx.log.show());
  return undefined;
};

export function rotationCommands(ctx: Ctx, refresh: () => void): Record<string, (...args: never[]) => unknown> {
  return {
    [Commands.rotateNow]: async (arg?: SecretArg) => {
      const t = await resolveTarget(ctx, arg, 'Rotate which secret?', (s) => !!s.rotation);
      if (!t) return undefined;
      const r = await runRotation(ctx, t).catch(fail(ctx, `rotation of ${t.secretId}`));
      refresh();
      return r;
    },
    [Commands.resumeRotation]: async (arg?: { policy?: string; rollback?: boolean }) => {
      const policyUri = arg?.policy ? vscode.Uri.file(arg.policy) : await pickPolicy();
      if (!policyUri) return undefined;
      const loaded = loadForCommand(policyUri);
      if (!loaded) return undefined;
      const open = pendingRotations(policyUri.fsPath, loaded.policy);
      if (!open.length) {
        void vscode.window.showInformationMessage('Rotation Guard: no interrupted rotation to resume.');
        return undefined;
      }
      const choices = open.flatMap((p) => [
        { label: `Resume ${p.secretId}`, description: `stopped after ${p.lastStep} (${p.lastOutcome}) at ${p.beganAt}`, p, rollback: false },
        ...(p.awaitingRevoke ? [] : [{ label: `Roll back ${p.secretId}`, description: 'keep the old credential, discard the new one', p, rollback: true }]),
      ]);
      const picked = arg?.rollback !== undefined && open.length === 1 ? choices.find((c) => c.rollback === arg.rollback) : await vscode.window.showQuickPick(choices, { title: 'Interrupted rotations' });
      if (!picked) return undefined;
      const t: Target = { policyPath: policyUri.fsPath, policy: loaded.policy, text: loaded.text, secretId: picked.p.secretId };
      const r = await runRotation(ctx, t, picked.rollback ? { rollback: true } : { resume: true }).catch(fail(ctx, `resuming ${t.secretId}`));
      refresh();
      return r;
    },
    [Commands.storeSecret]: async (arg?: SecretArg) => {
      const t = await resolveTarget(ctx, arg, 'Store a value for which secret?');
      if (!t) return undefined;
      const value = await vscode.window.showInputBox({ title: `Value of ${t.secretId}`, prompt: `Written as CURRENT to ${t.policy.secrets.find((s) => s.id === t.secretId)!.stores.join(', ')}; only its fingerprint goes to the ledger. Escape cancels.`, password: true, ignoreFocusOut: true });
      if (!value) {
        void vscode.window.showInformationMessage(`Rotation Guard: nothing stored for ${t.secretId} (cancelled).`);
        return undefined;
      }
      const entry = await storeSecret({ policy: t.policy, policyPath: t.policyPath, secretId: t.secretId, value, stores: registry(ctx, t) }).catch(fail(ctx, `storing ${t.secretId}`));
      if (entry) void vscode.window.showInformationMessage(`Rotation Guard: ${t.secretId} ${entry.detail ?? 'stored'}; recorded in the ledger (fingerprint only).`);
      refresh();
      return entry;
    },
    [Commands.markCompromised]: async (arg?: SecretArg) => {
      const t = await resolveTarget(ctx, arg, 'Which secret is compromised?');
      if (!t) return undefined;
      const reason = await vscode.window.showInputBox({ title: `Why is ${t.secretId} compromised?`, placeHolder: 'e.g. pasted into a prompt that reached the model provider', ignoreFocusOut: true });
      if (reason === undefined) {
        void vscode.window.showInformationMessage(`Rotation Guard: ${t.secretId} not marked (cancelled).`);
        return undefined;
      }
      const entry = await markCompromised({ policy: t.policy, policyPath: t.policyPath, secretId: t.secretId, reason: reason || 'marked compromised in the editor', stores: registry(ctx, t) }).catch(fail(ctx, `marking ${t.secretId}`));
      refresh();
      if (!entry) return undefined;
      const canRotate = !!t.policy.secrets.find((s) => s.id === t.secretId)?.rotation;
      const msg = `Rotation Guard: ${t.secretId} is marked compromised in the ledger.${canRotate ? ' Rotate it now?' : ' The policy has no rotation for it: replace it at its issuer, then Store Secret.'}`;
      if (canRotate && (await vscode.window.showWarningMessage(msg, 'Rotate now')) === 'Rotate now') {
        await runRotation(ctx, t).catch(fail(ctx, `rotation of ${t.secretId}`));
        refresh();
      } else if (!canRotate) void vscode.window.showWarningMessage(msg);
      return entry;
    },
  };
}

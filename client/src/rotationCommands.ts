import * as vscode from 'vscode';
import { loadPolicyFile, type Policy } from '../../core/policy';
import {
  confirmedHashFor,
  confirmPolicy,
  createPolicyStoreRegistry,
  markCompromised,
  pendingRotations,
  policyContentHash,
  rotateSecret,
  storeSecret,
  UntrustedPolicyError,
  type RotationResult,
} from '../../core/rotation';
import { Commands } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { pickPolicy } from './pickPolicy';
import { SecretStorageStore } from './secretStorageStore';
import type { SecretItem } from './secretsView';

interface Target {
  policyPath: string;
  policy: Policy;
  text: string;
  secretId: string;
}

/** Resolves the policy and secret a command acts on: from the Secrets view item, or by asking. */
async function resolveTarget(ctx: Ctx, item: SecretItem | undefined, title: string): Promise<Target | undefined> {
  const policyUri = item ? vscode.Uri.parse(item.secret.policyUri) : await pickPolicy();
  if (!policyUri) return undefined;
  const loaded = loadPolicyFile(policyUri.fsPath);
  if (!loaded.policy) {
    const first = loaded.problems.find((p) => p.severity === 'error');
    void vscode.window.showErrorMessage(`Rotation Guard: fix the policy first — ${first ? `line ${first.range.start.line + 1}: ${first.message}` : 'it could not be read'}`);
    return undefined;
  }
  let secretId = item?.secret.id;
  if (!secretId) {
    const picked = await vscode.window.showQuickPick(
      loaded.policy.secrets.map((s) => ({ label: s.id, description: `${s.kind}${s.description ? ` — ${s.description}` : ''}` })),
      { title },
    );
    secretId = picked?.label;
  }
  if (!secretId) return undefined;
  ctx.log.info(`${title}: ${secretId} (${vscode.workspace.asRelativePath(policyUri)})`);
  return { policyPath: policyUri.fsPath, policy: loaded.policy, text: loaded.text, secretId };
}

function registry(ctx: Ctx, t: Target) {
  return createPolicyStoreRegistry(t.policy, t.policyPath, process.env, {
    'secret-storage': () => new SecretStorageStore(ctx.extension.secrets),
  });
}

/**
 * Runs the engine with the workspace's trust. A provider that runs code (command, http, postgres)
 * needs both a trusted workspace and a confirmation of this exact policy content, asked here once.
 */
async function runRotation(ctx: Ctx, t: Target, opts: { resume?: boolean; rollback?: boolean }): Promise<RotationResult | undefined> {
  const attempt = () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rotating ${t.secretId}`, cancellable: false }, (progress) =>
      rotateSecret({
        policy: t.policy,
        policyPath: t.policyPath,
        policyText: t.text,
        secretId: t.secretId,
        stores: registry(ctx, t),
        trust: { workspaceTrusted: vscode.workspace.isTrusted, confirmedPolicyHash: confirmedHashFor(t.policyPath) },
        log: (line) => {
          ctx.log.info(line);
          progress.report({ message: line });
        },
        prompt: async (req) => {
          if (req.url) void vscode.env.openExternal(vscode.Uri.parse(req.url));
          const value = await vscode.window.showInputBox({
            title: `New value for ${req.secretId}`,
            prompt: req.instructions ?? 'Create a new credential at the provider and paste it here.',
            password: true,
            ignoreFocusOut: true,
          });
          if (!value) throw new Error('no value was entered; the rotation stopped before changing anything');
          return value;
        },
        ...opts,
      }),
    );
  try {
    return await attempt();
  } catch (err) {
    if (!(err instanceof UntrustedPolicyError)) throw err;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(`Rotation Guard: ${err.message} Trust this workspace first (Workspaces: Manage Workspace Trust).`);
      return undefined;
    }
    const ok = await vscode.window.showWarningMessage(
      `${err.message}\n\nRun the providers and checks of ${vscode.workspace.asRelativePath(t.policyPath)} as it is now?`,
      { modal: true },
      'Confirm policy and rotate',
    );
    if (!ok) return undefined;
    confirmPolicy(t.policyPath, policyContentHash(t.text));
    return attempt();
  }
}

function report(ctx: Ctx, r: RotationResult | undefined): void {
  if (!r) return;
  ctx.log.info(`rotation ${r.secretId}: ${r.status} — ${r.message}`);
  if (r.status === 'failed') void vscode.window.showErrorMessage(`Rotation Guard: ${r.secretId}: ${r.message}`, 'Show Output').then((a) => a && ctx.log.show());
  else void vscode.window.showInformationMessage(`Rotation Guard: ${r.secretId}: ${r.message}`);
}

const fail = (ctx: Ctx, what: string) => (err: unknown) => {
  ctx.log.error(`${what}: ${(err as Error).message}`);
  void vscode.window.showErrorMessage(`Rotation Guard: ${what} failed — ${(err as Error).message}`);
};

export function rotationCommands(ctx: Ctx, refresh: () => void): Record<string, (...args: never[]) => unknown> {
  return {
    [Commands.rotateNow]: async (item?: SecretItem) => {
      const t = await resolveTarget(ctx, item, 'Rotate which secret?');
      if (!t) return undefined;
      const r = await runRotation(ctx, t, {}).catch(fail(ctx, 'rotation'));
      report(ctx, r ?? undefined);
      refresh();
      return r;
    },
    [Commands.resumeRotation]: async () => {
      const policyUri = await pickPolicy();
      if (!policyUri) return undefined;
      const loaded = loadPolicyFile(policyUri.fsPath);
      if (!loaded.policy) return undefined;
      const open = pendingRotations(policyUri.fsPath, loaded.policy);
      if (!open.length) {
        void vscode.window.showInformationMessage('Rotation Guard: no interrupted rotation to resume.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        open.flatMap((p) => [
          { label: `Resume ${p.secretId}`, description: `stopped after ${p.lastStep} (${p.lastOutcome}) at ${p.beganAt}`, p, rollback: false },
          ...(p.awaitingRevoke ? [] : [{ label: `Roll back ${p.secretId}`, description: 'keep the old credential, discard the new one', p, rollback: true }]),
        ]),
        { title: 'Interrupted rotations' },
      );
      if (!picked) return undefined;
      const t: Target = { policyPath: policyUri.fsPath, policy: loaded.policy, text: loaded.text, secretId: picked.p.secretId };
      const r = await runRotation(ctx, t, picked.rollback ? { rollback: true } : { resume: true }).catch(fail(ctx, 'resume'));
      report(ctx, r ?? undefined);
      refresh();
      return r;
    },
    [Commands.storeSecret]: async (item?: SecretItem) => {
      const t = await resolveTarget(ctx, item, 'Store a value for which secret?');
      if (!t) return undefined;
      const value = await vscode.window.showInputBox({ title: `Value of ${t.secretId}`, password: true, ignoreFocusOut: true });
      if (!value) return undefined;
      const entry = await storeSecret({ policy: t.policy, policyPath: t.policyPath, secretId: t.secretId, value, stores: registry(ctx, t) }).catch(fail(ctx, 'store'));
      if (entry) void vscode.window.showInformationMessage(`Rotation Guard: stored ${t.secretId} (${entry.detail ?? ''}) and recorded it in the ledger.`);
      refresh();
      return entry;
    },
    [Commands.markCompromised]: async (item?: SecretItem) => {
      const t = await resolveTarget(ctx, item, 'Which secret is compromised?');
      if (!t) return undefined;
      const reason = await vscode.window.showInputBox({ title: `Why is ${t.secretId} compromised?`, placeHolder: 'e.g. pasted into a prompt that reached the model provider' });
      if (reason === undefined) return undefined;
      const entry = await markCompromised({ policy: t.policy, policyPath: t.policyPath, secretId: t.secretId, reason: reason || 'marked compromised in the editor', stores: registry(ctx, t) }).catch(fail(ctx, 'mark compromised'));
      refresh();
      if (entry && (await vscode.window.showWarningMessage(`Rotation Guard: ${t.secretId} is marked compromised. Rotate it now?`, 'Rotate now')) === 'Rotate now') {
        report(ctx, (await runRotation(ctx, t, {}).catch(fail(ctx, 'rotation'))) ?? undefined);
        refresh();
      }
      return entry;
    },
  };
}

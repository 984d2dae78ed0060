import * as vscode from 'vscode';
import { ROTATION_LOOP_STEPS } from '../../core/ledger';
import type { Policy } from '../../core/policy';
import { confirmPolicy, createPolicyStoreRegistry, describeTrust, resolvePlan, rotateAfterPending, rotateSecret, trustFor, trustToConfirm, UntrustedPolicyError, type RotationResult, type StepRecord } from '../../core/rotation';
import type { Ctx } from './ctx';
import { secretStorageFactory } from './secretStorageStore';

export interface Target {
  policyPath: string;
  policy: Policy;
  text: string;
  secretId: string;
}

export function registry(ctx: Ctx, t: Pick<Target, 'policy' | 'policyPath'>) {
  return createPolicyStoreRegistry(t.policy, t.policyPath, process.env, {
    'secret-storage': secretStorageFactory(ctx.extension.secrets),
  });
}

/** The engine's steps in order, for "step n of 9" in the progress notification. */

/** What the rotation proved, in words, from the steps it recorded (never values). */
export function verifiedSummary(steps: StepRecord[]): string {
  const of = (s: string) => steps.filter((x) => x.step === s).pop();
  const parts: string[] = [];
  const testNew = of('test-new');
  if (testNew?.outcome === 'ok') parts.push(`new value works${testNew.detail ? ` (${testNew.detail})` : ''}`);
  else if (testNew?.outcome === 'skipped') parts.push('new value not tested (no verification in the policy)');
  const promote = of('promote');
  if (promote?.outcome === 'ok') parts.push(promote.detail ?? 'promoted to CURRENT');
  const oldFails = of('test-old-fails');
  if (oldFails?.outcome === 'ok') parts.push(`old value refused${oldFails.detail ? ` (${oldFails.detail})` : ''}`);
  else if (oldFails?.outcome === 'skipped') parts.push(`old value not checked: ${oldFails.detail ?? 'nothing to check'}`);
  if (of('finish')?.outcome === 'ok') parts.push('every step recorded in the ledger');
  return parts.join('; ');
}

/** The engine speaks CLI (`rotate ID --resume`); in the editor the same step is a command. */
export function inEditorWords(message: string): string {
  return message.replace(/(?:run )?`rotate [^`]*--resume`/g, 'run "Rotation Guard: Resume Interrupted Rotation"').replace(/(?:run )?`rotate [^`]*--rollback`/g, 'run "Rotation Guard: Resume Interrupted Rotation" and choose Roll back');
}

/** Why nothing must be half-done: the result message already says how to continue. */
export function reportResult(ctx: Ctx, result: RotationResult | undefined, cancelled = false): void {
  if (!result) return;
  const r = { ...result, message: inEditorWords(result.message) };
  ctx.log.info(`rotation ${r.secretId}: ${r.status} — ${r.message}`);
  if (cancelled && r.status !== 'rotated') {
    void vscode.window.showInformationMessage(`Rotation Guard: rotation of ${r.secretId} cancelled — nothing was changed; the current value stays in use (${r.status}).`);
    return;
  }
  switch (r.status) {
    case 'rotated':
      void vscode.window.showInformationMessage(`Rotation Guard: ${r.secretId} rotated — ${verifiedSummary(r.steps)}.`);
      break;
    case 'awaiting-revoke':
      void vscode.window.showInformationMessage(`Rotation Guard: ${r.secretId} — ${verifiedSummary(r.steps)}. ${r.message}`);
      break;
    case 'failed':
    case 'rolled-back':
      void vscode.window.showErrorMessage(`Rotation Guard: ${r.secretId}: ${r.message}`, 'Show Output').then((a) => a && ctx.log.show());
      break;
    default:
      void vscode.window.showInformationMessage(`Rotation Guard: ${r.secretId}: ${r.message}`);
  }
}

function untrustedMessage(reasons: string[]): string {
  return `refusing to rotate: ${reasons.join('; ')}, and the workspace is not trusted (Restricted Mode). Nothing was run or changed. To allow it, trust this workspace: run "Workspaces: Manage Workspace Trust" and choose Trust.`;
}

/** Trust a workspace, from a message: the command VS Code's own UI runs. */
export function offerTrust(message: string): void {
  void vscode.window.showErrorMessage(`Rotation Guard: ${message}`, 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
}

/**
 * Runs one rotation (or resume/rollback) with every step in a progress notification. Providers
 * that run code or reach a database or endpoint need a trusted workspace and a confirmation of
 * this exact policy content, asked here (modal) once per content.
 */
export async function runRotation(ctx: Ctx, t: Target, opts: { resume?: boolean; rollback?: boolean; reason?: string } = {}): Promise<RotationResult | undefined> {
  let cancelled = false;
  const trustReasons = resolvePlan(t.policy, t.secretId).trustReasons;
  if (trustReasons.length && !vscode.workspace.isTrusted) {
    // refused before anything starts: no progress, no ledger line, nothing run
    ctx.log.warn(`rotation of ${t.secretId} refused: untrusted workspace`);
    offerTrust(untrustedMessage(trustReasons));
    return undefined;
  }
  const attempt = () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rotation Guard: ${opts.rollback ? 'rolling back' : 'rotating'} ${t.secretId}`, cancellable: false }, async (progress) => {
      let last = 0;
      // A plain rotation first finishes what is pending (an expired grace, an interrupted run), as `rotate` does.
      const r = await (opts.resume || opts.rollback ? rotateSecret : rotateAfterPending)({
        policy: t.policy,
        policyPath: t.policyPath,
        policyText: t.text,
        secretId: t.secretId,
        stores: registry(ctx, t),
        trust: trustFor(t.policyPath, vscode.workspace.isTrusted),
        log: (line) => {
          ctx.log.info(line);
          const step = ROTATION_LOOP_STEPS.findIndex((s) => line.startsWith(`${t.secretId}: ${s} `));
          const increment = step >= 0 ? Math.max(0, ((step + 1) / ROTATION_LOOP_STEPS.length) * 100 - last) : 0;
          last += increment;
          progress.report({ message: line.slice(t.secretId.length + 2), increment });
        },
        prompt: async (req) => {
          // offered, not opened: an external page must not steal focus from the box it needs
          if (req.url) void vscode.window.showInformationMessage(`Rotation Guard: create the new ${req.secretId} at ${req.url}, then paste it into the box.`, 'Open Page').then((a) => a && vscode.env.openExternal(vscode.Uri.parse(req.url!)));
          const value = await vscode.window.showInputBox({
            title: `New value for ${req.secretId}`,
            prompt: req.instructions ?? 'Create a new credential at the provider and paste it here (Escape cancels; nothing is changed).',
            password: true,
            ignoreFocusOut: true,
          });
          if (!value) {
            cancelled = true;
            throw new Error('no value was entered (cancelled); the rotation stopped before changing anything');
          }
          return value;
        },
        ...opts,
      });
      if (r.status === 'rotated' || r.status === 'awaiting-revoke') progress.report({ message: `verified: ${verifiedSummary(r.steps)}`, increment: 100 - last });
      return r;
    });
  try {
    const r = await attempt();
    reportResult(ctx, r, cancelled);
    return r;
  } catch (err) {
    if (!(err instanceof UntrustedPolicyError)) throw err;
    if (!vscode.workspace.isTrusted) {
      ctx.log.warn(`rotation of ${t.secretId} refused: untrusted workspace`);
      offerTrust(untrustedMessage(trustReasons));
      return undefined;
    }
    // the same record `rotate --trust` prints: every command, file (with its hash) and host confirmed
    const record = trustToConfirm(t.policy, t.policyPath, t.text);
    const ok = await vscode.window.showWarningMessage(
      `${err.message}\n\nRun the providers and checks of ${vscode.workspace.asRelativePath(t.policyPath)} as it is now?`,
      { modal: true, detail: `This confirms:\n${describeTrust(record, t.policyPath).join('\n')}` },
      'Confirm policy and rotate',
    );
    if (!ok) {
      void vscode.window.showInformationMessage(`Rotation Guard: rotation of ${t.secretId} not started; the policy was not confirmed.`);
      return undefined;
    }
    confirmPolicy(t.policyPath, record);
    const r = await attempt();
    reportResult(ctx, r, cancelled);
    return r;
  }
}

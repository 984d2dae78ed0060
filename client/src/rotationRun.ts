import * as vscode from 'vscode';
import type { Policy } from '../../core/policy';
import { createPolicyStoreRegistry, rotate, trustFor, type NextAction, type RotationHost, type RotationOutcome, type RotationResult, type StepRecord } from '../../core/rotation';
import { Commands } from '../../protocol/src/protocol';
import { userAllowedPaths } from './config';
import type { Ctx } from './ctx';
import { secretStorageFactory } from './secretStorageStore';

export interface Target {
  policyPath: string;
  policy: Policy;
  text: string;
  secretId: string;
}

export function registry(ctx: Ctx, t: Pick<Target, 'policy' | 'policyPath'>) {
  return createPolicyStoreRegistry(t.policy, t.policyPath, process.env, { 'secret-storage': secretStorageFactory(ctx.extension.secrets) }, userAllowedPaths());
}

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

/** The rotation service's next action as what to do in the editor. */
const NEXT_IN_EDITOR: Record<NextAction, string> = {
  resume: 'run "Rotation Guard: Resume Interrupted Rotation"',
  rollback: 'then run "Rotation Guard: Resume Interrupted Rotation" and choose Roll back',
  wait: 'rotate again after that time',
  confirm: 'rotate again and confirm the policy',
  'provide-value': 'rotate again and paste the new value',
  'trust-workspace': 'to allow it, trust this workspace: run "Workspaces: Manage Workspace Trust" and choose Trust',
};

const inEditor = (o: RotationOutcome) => (o.next ? `${o.message}; ${NEXT_IN_EDITOR[o.next]}` : o.message);

/** Why nothing must be half-done: the outcome already says how to continue. */
function reportOutcome(ctx: Ctx, o: RotationOutcome, cancelled: boolean, policyPath: string): void {
  const message = inEditor(o);
  ctx.log.info(`rotation ${o.secretId}: ${o.code} — ${message}`);
  const steps = o.result?.steps ?? [];
  if (o.code === 'untrusted-workspace') return offerTrust(message);
  if (cancelled && o.code !== 'rotated') {
    void vscode.window.showInformationMessage(`Rotation Guard: rotation of ${o.secretId} cancelled — nothing was changed; the current value stays in use (${o.code}).`);
    return;
  }
  switch (o.code) {
    case 'rotated':
      void vscode.window.showInformationMessage(`Rotation Guard: ${o.secretId} rotated — ${verifiedSummary(steps)}.`);
      break;
    case 'awaiting-revoke':
      void vscode.window.showInformationMessage(`Rotation Guard: ${o.secretId} — ${verifiedSummary(steps)}. ${message}`);
      break;
    case 'failed':
    case 'rolled-back':
    case 'busy': {
      // the next action is a button here: Resume / Roll back run the command that does it
      const act = o.next === 'resume' ? 'Resume' : o.next === 'rollback' ? 'Roll back' : undefined;
      void vscode.window.showErrorMessage(`Rotation Guard: ${o.secretId}: ${message}`, ...(act ? [act] : []), 'Show Output').then((a) => {
        if (a === 'Show Output') ctx.log.show();
        else if (a) void vscode.commands.executeCommand(Commands.resumeRotation, { policy: policyPath, rollback: a === 'Roll back' });
      });
      break;
    }
    default:
      void vscode.window.showInformationMessage(`Rotation Guard: ${o.secretId}: ${message}`);
  }
}

/** Trust a workspace, from a message: the command VS Code's own UI runs. */
export function offerTrust(message: string): void {
  void vscode.window.showErrorMessage(`Rotation Guard: ${message}`, 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
}

/**
 * Runs one rotation (or resume/rollback) through the rotation service, each step in a progress
 * notification. Providers that run code or reach a database or endpoint need a trusted workspace
 * and a confirmation of this exact policy content, asked here (modal) with what it covers.
 */
export async function runRotation(ctx: Ctx, t: Target, opts: { resume?: boolean; rollback?: boolean; reason?: string } = {}): Promise<RotationResult | undefined> {
  let cancelled = false;
  const title = `Rotation Guard: ${opts.rollback ? 'rolling back' : 'rotating'} ${t.secretId}`;
  const out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, (progress) => {
    let last = 0;
    const to = (percent: number, message: string) => {
      progress.report({ message, increment: Math.max(0, percent - last) });
      last = Math.max(last, percent);
    };
    const host: RotationHost = {
      event: (e) => {
        if (e.kind === 'log') ctx.log.info(e.message);
        else if (e.kind === 'step-started' || e.kind === 'step-finished') to((e.index / e.total) * 100, `${e.step} ${e.outcome}${e.detail ? ` — ${e.detail}` : ''}`);
        else if (e.kind === 'waiting') to(last, e.message);
        else if (e.kind === 'outcome' && (e.outcome.code === 'rotated' || e.outcome.code === 'awaiting-revoke')) to(100, `verified: ${verifiedSummary(e.outcome.result?.steps ?? [])}`);
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
      // the same record `rotate --trust` prints: every command, file (with its hash) and host confirmed
      confirmTrust: async (q) => {
        const ok = await vscode.window.showWarningMessage(
          `${q.problem ?? 'Confirm the policy.'}\n\nRun the providers and checks of ${vscode.workspace.asRelativePath(q.policyPath)} as it is now?`,
          { modal: true, detail: `This confirms:\n${q.lines.join('\n')}` },
          'Confirm policy and rotate',
        );
        if (!ok) void vscode.window.showInformationMessage(`Rotation Guard: rotation of ${t.secretId} not started; the policy was not confirmed.`);
        return !!ok;
      },
    };
    const mode = opts.rollback ? 'rollback' : opts.resume ? 'resume' : 'rotate';
    return rotate({ policy: t.policy, policyPath: t.policyPath, policyText: t.text, secretId: t.secretId, mode, reason: opts.reason, stores: registry(ctx, t), trust: trustFor(t.policyPath, vscode.workspace.isTrusted), allowedPaths: userAllowedPaths() }, host);
  });
  if (out.code !== 'not-confirmed') reportOutcome(ctx, out, cancelled, t.policyPath);
  return out.result;
}

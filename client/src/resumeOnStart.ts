import * as vscode from 'vscode';
import { loadPolicyFile } from '../../core/policy';
import { pendingRotations } from '../../core/rotation';
import { Commands } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { findPolicies } from './policies';

/**
 * A rotation whose window was closed mid-way is still open in the ledger (every step is recorded
 * before the next starts). At the next start, say so once per policy and offer to finish it.
 * Rotations waiting only for their grace period are not interruptions and are not announced.
 */
export async function offerResumeAtStart(ctx: Ctx): Promise<number> {
  let offered = 0;
  for (const uri of await findPolicies()) {
    let policy;
    try {
      policy = loadPolicyFile(uri.fsPath).policy;
    } catch {
      continue;
    }
    if (!policy) continue;
    const open = pendingRotations(uri.fsPath, policy).filter((p) => !p.awaitingRevoke || (p.revokeDueAt && Date.parse(p.revokeDueAt) <= Date.now()));
    if (!open.length) continue;
    offered += open.length;
    const names = open.map((p) => `${p.secretId} (stopped after ${p.lastStep} ${p.lastOutcome})`).join(', ');
    ctx.log.warn(`interrupted rotation(s) in ${vscode.workspace.asRelativePath(uri)}: ${names}`);
    void vscode.window
      .showWarningMessage(`Rotation Guard: a rotation was interrupted — ${names}. The last working value is kept; finish it now?`, 'Resume', 'Later')
      .then((a) => a === 'Resume' && vscode.commands.executeCommand(Commands.resumeRotation, { policy: uri.fsPath }));
  }
  return offered;
}

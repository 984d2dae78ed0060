import { dirname, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { computeEnforcementPlan, recordPlannedCompromise, type EnforcementEvent, type SecretPlan, readStoreFingerprints, storeFilesOf } from '../../core/enforce';
import { keyedFingerprint, loadFingerprintKey } from '../../core/values';
import { ledgerPathFor, readLedger } from '../../core/ledger';
import { loadPolicyFile, type Policy } from '../../core/policy';
import { confirmationProblem, isRotationRunning, resolvePlan } from '../../core/rotation';
import { DIAGNOSTIC_SOURCE, type SecretDiagnosticData } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { findPolicies } from './policies';
import { registry, runRotation } from './rotationRun';

const KNOWN = 'exposed/known-secret';

interface Sighting {
  uri: vscode.Uri;
  line: number;
  range: vscode.Range;
  secretId: string;
  fingerprint: string;
  /** A value in a binary container (pickle, SQLite…): where it is, in bytes; the file has no text to open. */
  bytes?: { offset: number; length: number };
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/**
 * The policy's `exposed-in-file` triggers, run in the editor through the trigger engine: when the
 * language server reports a secret's CURRENT value in a file (`exposed/known-secret`), the
 * exposure is recorded in the ledger, then `notify` shows one notification offering to rotate; `rotate-now` rotates at once when the workspace is trusted and the policy's
 * exact content was confirmed, else one notification says why not. Each sighting (secret, value
 * fingerprint and file) acts once per window: after the rotation the value is retired, and a
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
        // an event is a value seen in a file: the same value in the secret's own .env is not one
        const key = `${data.secretId}|${data.fingerprint}|${uri.toString()}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        const unsee = () => this.seen.delete(key);
        const bytes = data.byteOffset !== undefined && data.byteLength ? { offset: data.byteOffset, length: data.byteLength } : undefined;
        void this.act({ uri, line: d.range.start.line, range: d.range, secretId: data.secretId, fingerprint: data.fingerprint, bytes }, unsee).catch((err: unknown) => this.ctx.log.error(`trigger for ${data.secretId}: ${(err as Error).message}`));
      }
    }
  }

  private record(what: string): void {
    this.fired.push(what);
    this.ctx.log.info(`trigger: ${what}`);
    this.firedEmitter.fire(what);
  }

  /** `unsee`: forget this sighting, so the next diagnostics of the file bring it back. */
  private async act(s: Sighting, unsee: () => void): Promise<void> {
    for (const uri of await findPolicies()) {
      const loaded = loadPolicyFile(uri.fsPath);
      const policy = loaded.policy;
      if (!policy?.secrets.some((x) => x.id === s.secretId)) continue;
      // Mid-rotation one store may hold the new value and another the old (an env file seen
      // "exposing" the value it is about to get): judge the sighting once the rotation has ended,
      // when the ledger change makes the server send this file's diagnostics again.
      if (isRotationRunning(uri.fsPath, s.secretId)) {
        unsee();
        return;
      }
      const decision = await this.plan(uri.fsPath, policy, s);
      // not an event (the secret's own store file, an answered exposure): nothing to say
      if (!decision) return;
      const { plan, exposure } = decision;
      // A rotation began while the plan was made: after it ends the file is judged again.
      if (plan.action === 'resume' && isRotationRunning(uri.fsPath, s.secretId)) {
        unsee();
        return;
      }
      const where = s.bytes ? `${vscode.workspace.asRelativePath(s.uri)} (binary) at byte ${s.bytes.offset}` : `${vscode.workspace.asRelativePath(s.uri)}:${s.line + 1}`;
      this.exposed.set(s.secretId, where);
      this.refresh();
      const target = { policyPath: uri.fsPath, policy, text: loaded.text, secretId: s.secretId };
      const canRotate = plan.action === 'rotate' || (plan.action === 'needs-person' && !!policy.secrets.find((x) => x.id === s.secretId)?.rotation);
      const rotate = async () => {
        const r = await runRotation(this.ctx, target, { reason: plan.reason });
        if (r?.status === 'rotated' || r?.status === 'awaiting-revoke') this.exposed.delete(s.secretId);
        this.refresh();
        this.record(`${s.secretId}:${exposure.action}:${r?.status ?? 'not rotated'}`);
      };
      if (exposure.action === 'rotate-now' && canRotate) {
        const why = !vscode.workspace.isTrusted
          ? 'the workspace is not trusted'
          : confirmationProblem(uri.fsPath, loaded.text) !== undefined
            ? `${vscode.workspace.asRelativePath(uri)} was not confirmed as it is now, or a file it runs changed since (it decides what runs)`
            : undefined;
        if (!why) {
          this.ctx.log.warn(`${s.secretId}: current value found in ${where}; the policy says rotate-now: rotating (${plan.reason})`);
          return rotate();
        }
        const needsTrust = resolvePlan(policy, s.secretId).trustReasons.length > 0;
        this.record(`${s.secretId}:rotate-now:held (${why})`);
        const a = await vscode.window.showWarningMessage(
          `Rotation Guard: the current value of ${s.secretId} is in ${where} (recorded in the ledger). The policy says rotate now, but ${why}, so nothing was rotated automatically.`,
          ...(needsTrust && !vscode.workspace.isTrusted ? ['Manage Workspace Trust'] : ['Rotate now']),
        );
        if (a === 'Rotate now') return rotate();
        if (a === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
        return;
      }
      this.record(`${s.secretId}:notify:shown`);
      const a = await vscode.window.showWarningMessage(
        `Rotation Guard: the current value of ${s.secretId} is in ${where} (recorded in the ledger) — it may be in git history, logs or a model's context.${canRotate ? ' Rotate it now?' : ` ${plan.instructions ?? 'Replace it at its issuer, then Store Secret.'}`}`,
        ...(canRotate ? ['Rotate now'] : []),
      );
      if (a === 'Rotate now') await rotate();
      return;
    }
  }

  /**
   * The trigger engine (core/enforce) decides, from the same facts the CLI's `enforce` uses: the
   * ledger, the fingerprint of the value the stores hold, and this sighting. The exposure is
   * recorded in the ledger (fingerprint and file:line, never the value) as enforce records it.
   */
  private async plan(policyPath: string, policy: Policy, s: Sighting): Promise<{ plan: SecretPlan; exposure: EnforcementEvent } | undefined> {
    // A binary container cannot be opened as a text document: its value is read at its byte offset.
    const value = s.bytes
      ? Buffer.from(await vscode.workspace.fs.readFile(s.uri)).subarray(s.bytes.offset, s.bytes.offset + s.bytes.length).toString('latin1')
      : (await vscode.workspace.openTextDocument(s.uri)).getText(s.range);
    const key = loadFingerprintKey();
    const ledger = ledgerPathFor(policyPath);
    const entries = readLedger(ledger).entries;
    const storeFingerprints = await readStoreFingerprints(policy, registry(this.ctx, { policy, policyPath }), key, [s.secretId]);
    const file = relative(dirname(policyPath), s.uri.fsPath).split(sep).join('/');
    const result = computeEnforcementPlan({
      policy,
      entries,
      storeFingerprints,
      sightings: [{ secretId: s.secretId, fingerprint: keyedFingerprint(value, key), source: 'file', file, line: s.bytes ? 0 : s.line + 1, ...(s.bytes ? { byteOffset: s.bytes.offset } : {}) }],
      storeFiles: storeFilesOf(policy),
      now: new Date(),
      only: [s.secretId],
    });
    const plan = result.secrets[0];
    // This sighting's own event only: an exposure recorded earlier (a mark in the ledger) is not
    // news, and a sighting in the secret's own store file raises no event at all.
    const exposure = plan?.events.find((e) => e.kind === 'exposed-in-file' && !e.answered && e.seenAt?.file === file);
    if (!plan || !exposure) {
      this.ctx.log.info(`trigger ${s.secretId}: the engine sees no exposure of the current value in ${file} (events: ${plan?.events.map((e) => `${e.kind}${e.answered ? ' answered' : ''}`).join(', ') || 'none'}; store: ${JSON.stringify(storeFingerprints.get(s.secretId) ?? null).replace(/hk1:[\w-]+/g, (m) => m.slice(0, 9))})`);
      return undefined;
    }
    await recordPlannedCompromise(ledger, plan, 'exposed-in-file', new Date());
    return { plan, exposure };
  }
}

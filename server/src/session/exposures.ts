import { dirname, relative, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { computeEnforcementPlan, readStoreFingerprints, recordPlannedCompromise, storeFilesOf, type SecretPlan } from '../../../core/enforce';
import { loadFingerprintKey } from '../../../core/values';
import { knownValuesFromLedger, ledgerPathFor, trustedPolicyLedger } from '../../../core/ledger';
import { loadPolicy, type Policy, type PolicySet, type SetPolicy } from '../../../core/policy';
import { confirmationProblem, createPolicyStoreRegistry, isRotationRunning, resolvePlan } from '../../../core/rotation';
import { DIAGNOSTIC_SOURCE, type ExposureNotification, type SecretDiagnosticData } from '../../../protocol/src/protocol';
import { uriToPath } from '../paths';

const KNOWN = 'exposed/known-secret';

export interface ExposureDeps {
  policies: PolicySet;
  folders: () => string[];
  env: NodeJS.ProcessEnv;
  /** The user's machine-scoped `allowedPaths` setting (places outside the repository a policy may name). */
  allowedPaths: () => readonly string[];
  workspaceTrusted: () => boolean;
  send: (params: ExposureNotification.Params) => void;
  /** The ledger gained an entry: states and known values are read again. */
  recorded: () => Promise<void>;
  log: (message: string) => void;
}

interface Sighting {
  uri: string;
  path: string;
  line: number;
  secretId: string;
  fingerprint: string;
  byteOffset?: number;
}

/** The file relative to the workspace folder that holds it (else as it is), `/`-separated. */
function workspaceRelative(path: string, folders: string[]): string {
  const folder = folders.filter((f) => path.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
  return (folder ? relative(folder, path) : path).split(sep).join('/');
}

/**
 * The policy's `exposed-in-file` triggers, judged by the server: a diagnostic `exposed/known-secret`
 * (a secret's current value in a file, found by matchKnown with its keyed fingerprint) is run
 * through the trigger engine with the same facts `enforce` uses (the ledger, the stores' current
 * fingerprints, this sighting). An exposure is recorded in the ledger (fingerprint and place, never
 * the value) and sent to the client once per secret, value and file in a session; the client shows
 * it and offers, or for `rotate-now` runs, the rotation.
 */
export class ExposureJudge {
  private readonly seen = new Set<string>();
  /** Where each secret's current value was seen this session, by `policyPath#id`. */
  private readonly seenIn = new Map<string, { where: string; at: string }>();

  constructor(private readonly d: ExposureDeps) {}

  /** Called with every file's diagnostics, whichever walk produced them (open file, pull, scan). */
  judge(uri: string, diagnostics: readonly Diagnostic[]): void {
    const path = uriToPath(uri);
    if (!path) return;
    for (const diag of diagnostics) {
      if (diag.source !== DIAGNOSTIC_SOURCE || diag.code !== KNOWN) continue;
      const data = diag.data as SecretDiagnosticData | undefined;
      if (!data?.secretId || !data.valueFingerprint) continue;
      const key = `${data.secretId}|${data.valueFingerprint}|${uri}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const s: Sighting = { uri, path, line: diag.range.start.line, secretId: data.secretId, fingerprint: data.valueFingerprint, ...(data.byteOffset !== undefined ? { byteOffset: data.byteOffset } : {}) };
      // Forgotten again when it cannot be judged yet, so the file's next diagnostics bring it back.
      this.act(s)
        .then((judged) => judged || this.seen.delete(key))
        .catch((err: unknown) => {
          this.seen.delete(key);
          this.d.log(`trigger for ${data.secretId}: ${(err as Error).message}`);
        });
    }
  }

  /** A sighting another action already recorded (the move to a store records the value's exposure in its file): not judged again. */
  recorded(secretId: string, fingerprint: string, uri: string): void {
    this.seen.add(`${secretId}|${fingerprint}|${uri}`);
  }

  /** Where the secret's current value was seen this session, unless a rotation finished since. */
  exposedIn(policyPath: string, id: string, lastRotated: string | null): string | undefined {
    const s = this.seenIn.get(`${policyPath}#${id}`);
    return s && (!lastRotated || lastRotated < s.at) ? s.where : undefined;
  }

  /** false: not judged (a rotation of the secret is running); the sighting is judged again later. */
  private async act(s: Sighting): Promise<boolean> {
    const owner = this.d.policies.get().policies.find((p) => p.policy?.secrets.some((x) => x.id === s.secretId));
    if (!owner) return true;
    // Fresh from disk, as a command reads it: what was confirmed is the file, not an unsaved buffer.
    const fresh = loadPolicy(owner.path, { env: this.d.env, allowedPaths: this.d.allowedPaths(), uriOf: () => owner.uri });
    const policy = fresh.policy;
    if (!policy?.secrets.some((x) => x.id === s.secretId)) return true;
    const loaded = { ...fresh, policy };
    // Mid-rotation one store may hold the new value and another the old (an env file seen
    // "exposing" the value it is about to get): judge once the rotation has ended.
    if (isRotationRunning(owner.path, s.secretId)) return false;
    const file = relative(dirname(owner.path), s.path).split(sep).join('/');
    const key = loadFingerprintKey(this.d.env);
    const storeFingerprints = await readStoreFingerprints(policy, createPolicyStoreRegistry(policy, owner.path, this.d.env, {}, this.d.allowedPaths()), key, [s.secretId]);
    const ledger = ledgerPathFor(owner.path);
    const entries = trustedPolicyLedger(owner.path, { writers: policy.ledger?.writers ?? null }).entries;
    // SecretStorage lives inside VS Code: for a secret kept only there, the ledger's current value stands in for its store's.
    const spec = policy.secrets.find((x) => x.id === s.secretId)!;
    const stored = storeFingerprints.get(s.secretId);
    if (stored && 'fingerprint' in stored && stored.fingerprint === null && spec.stores.every((n) => policy.stores[n]?.type === 'secret-storage') && knownValuesFromLedger(entries).current.get(s.fingerprint)?.secretId === s.secretId) {
      storeFingerprints.set(s.secretId, { fingerprint: s.fingerprint });
    }
    const result = computeEnforcementPlan({
      policy,
      entries,
      storeFingerprints,
      sightings: [{ secretId: s.secretId, fingerprint: s.fingerprint, source: 'file', file, line: s.byteOffset !== undefined ? 0 : s.line + 1, ...(s.byteOffset !== undefined ? { byteOffset: s.byteOffset } : {}) }],
      storeFiles: storeFilesOf(policy),
      now: new Date(),
      only: [s.secretId],
    });
    const plan = result.secrets[0];
    // This sighting's own event only: an exposure recorded earlier is not news, and a sighting in
    // the secret's own store file raises no event at all.
    const exposure = plan?.events.find((e) => e.kind === 'exposed-in-file' && !e.answered && e.seenAt?.file === file);
    if (!plan || !exposure) {
      this.d.log(`trigger ${s.secretId}: the engine sees no exposure of the current value in ${file} (events: ${plan?.events.map((e) => `${e.kind}${e.answered ? ' answered' : ''}`).join(', ') || 'none'})`);
      return true;
    }
    await recordPlannedCompromise(ledger, plan, 'exposed-in-file', new Date());
    await this.d.recorded();
    if (plan.action === 'resume' && isRotationRunning(owner.path, s.secretId)) return false;
    const rel = workspaceRelative(s.path, this.d.folders());
    const where = s.byteOffset !== undefined ? `${rel} (binary) at byte ${s.byteOffset}` : `${rel}:${s.line + 1}`;
    this.seenIn.set(`${owner.path}#${s.secretId}`, { where, at: new Date().toISOString() });
    this.d.send(this.notification(s, loaded, plan, exposure.action === 'rotate-now' ? 'rotate-now' : 'notify', where));
    return true;
  }

  private notification(s: Sighting, loaded: SetPolicy & { policy: Policy }, plan: SecretPlan, action: 'notify' | 'rotate-now', where: string): ExposureNotification.Params {
    const { path: policyPath, uri: policyUri, text, policy } = loaded;
    const spec = policy.secrets.find((x) => x.id === s.secretId);
    const canRotate = plan.action === 'rotate' || (plan.action === 'needs-person' && !!spec?.rotation);
    const base = { secret: { id: s.secretId, policyUri }, uri: s.uri, where, action, reason: plan.reason, canRotate, ...(plan.instructions ? { instructions: plan.instructions } : {}) };
    if (action !== 'rotate-now' || !canRotate) return base;
    const held = !this.d.workspaceTrusted()
      ? 'the workspace is not trusted'
      : confirmationProblem(policyPath, text, this.d.env) !== undefined
        ? `${workspaceRelative(policyPath, this.d.folders())} was not confirmed as it is now, or a file it runs changed since (it decides what runs)`
        : undefined;
    if (!held) return base;
    return { ...base, held, needsTrust: resolvePlan(policy, s.secretId).trustReasons.length > 0 };
  }
}

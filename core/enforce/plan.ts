import { openRotations } from '../rotation/recovery';
import { parseDuration } from '../policy/model/duration';
import type { Policy, PolicySecret } from '../policy/model/schema';
import { computeSecretStates } from '../policy/state/state';
import type { LedgerEntry } from '../ledger/types';
import { dueEvent, markEvents, secretHistory, sightingEvents } from './events';
import type { EnforcementEvent, EnforcementInput, EnforcementPlan, SecretPlan } from './types';

/**
 * The trigger engine: what each secret's policy says must happen now, given the ledger, the
 * fingerprints of the values the stores hold and what the scans found. Pure (no I/O, no clock:
 * `now` is an input), so the CLI's `enforce`, the language server and the VS Code client compute
 * the same plan from the same facts.
 *
 * Per secret, in order: an interrupted rotation is resumed first; then the events — the current
 * value seen in a workspace file (not its own store's file) or in git history, a retired value
 * seen again, an anomaly or exposure recorded after the last finished rotation, due or overdue
 * by age or schedule — each with the action its trigger names (`notify` when it has none).
 * Idempotent: a finished rotation answers every mark and exposure before it, and its old value
 * left in history is a retired value the rotation already answered, not a new exposure.
 */
export function computeEnforcementPlan(input: EnforcementInput): EnforcementPlan {
  const { policy, entries, now } = input;
  const states = computeSecretStates(policy, entries as LedgerEntry[], now);
  const open = openRotations(entries as LedgerEntry[]);
  const bySecret = groupBySecret(entries);
  const secrets: SecretPlan[] = [];
  for (const secret of policy.secrets) {
    if (input.only && !input.only.includes(secret.id)) continue;
    const state = states.find((s) => s.id === secret.id)!;
    const history = secretHistory(bySecret.get(secret.id) ?? []);
    const events: EnforcementEvent[] = [];

    const interrupted = open.find((r) => r.secretId === secret.id);
    if (interrupted) {
      const graceMs = secret.gracePeriod ? parseDuration(secret.gracePeriod) : 0;
      const revokeDue = interrupted.promotedAt ? Date.parse(interrupted.promotedAt) + graceMs : undefined;
      if (revokeDue === undefined || revokeDue <= now.getTime()) {
        const what = interrupted.promotedAt ? `promoted ${interrupted.promotedAt}, grace over: revoke the old value` : `interrupted after ${interrupted.lastStep} ${interrupted.lastOutcome}`;
        events.push({ kind: 'interrupted', action: 'resume', reason: `resume: rotation ${interrupted.rotationId} ${what}` });
      } else {
        secrets.push({ secretId: secret.id, action: 'none', events: [], reason: `rotated; the old value stays valid until ${new Date(revokeDue).toISOString()} (grace period)`, state });
        continue;
      }
    }

    const stored = input.storeFingerprints.get(secret.id);
    if (stored && 'error' in stored) {
      events.push({ kind: 'store-unreadable', action: 'notify', reason: `store unreadable: ${stored.error}` });
    }
    events.push(...markEvents(secret, history));
    events.push(...sightingEvents(secret, stored, history, input.sightings, input.storeFiles?.get(secret.id) ?? []));
    const due = dueEvent(secret, state, now);
    if (due) events.push(due);
    secrets.push(decide(policy, secret, state, events, stored && 'fingerprint' in stored ? stored.fingerprint : null, history.openMarks));
  }
  return { secrets, compliant: secrets.every((s) => s.action === 'none') };
}

function decide(policy: Policy, secret: PolicySecret, state: SecretPlan['state'], events: EnforcementEvent[], currentFp: string | null, openMarks: readonly LedgerEntry[]): SecretPlan {
  const live = events.filter((e) => !e.answered);
  const rotateFor = live.filter((e) => e.action === 'rotate-now');
  const resume = live.filter((e) => e.kind === 'interrupted');
  const reason = (resume.length ? resume : rotateFor.length ? rotateFor : live).map((e) => e.reason).join('; ');
  const plan: SecretPlan = { secretId: secret.id, action: 'none', events, reason, state };

  // Exposures of the current value are recorded once, so the state stays `compromised` even if
  // the file is cleaned up before the value is rotated.
  const exposure = live.find((e) => e.kind === 'exposed-in-file' || e.kind === 'exposed-in-git-history');
  if (exposure && currentFp && !openMarks.some((m) => m.event === exposure.kind && m.oldFingerprint === currentFp)) {
    plan.recordCompromise = { fingerprint: currentFp, reason: exposure.reason };
  }

  if (live.some((e) => e.kind === 'store-unreadable')) {
    plan.action = 'blocked';
    plan.instructions = 'unlock or repair the store, then run enforce again';
    return plan;
  }
  if (resume.length) {
    plan.action = 'resume';
    return plan;
  }
  if (rotateFor.length) {
    const provider = secret.rotation ? policy.providers?.[secret.rotation.provider] : undefined;
    if (!provider) {
      plan.action = 'needs-person';
      plan.instructions = `"${secret.id}" has no rotation provider: change the value at its issuer and store it (rotation-guard rotate needs a \`rotation\` block)`;
    } else if (provider.type === 'manual') {
      plan.action = 'needs-person';
      plan.instructions = `the ${secret.rotation!.provider} provider is manual: run \`rotation-guard rotate ${secret.id} --value-stdin\`${'url' in provider && provider.url ? ` with a new key from ${provider.url}` : ''}`;
    } else {
      plan.action = 'rotate';
    }
    return plan;
  }
  if (live.length) {
    plan.action = 'notify';
    plan.instructions = live.some((e) => e.kind === 'revoked-value-seen') ? 'remove the retired value where it was seen' : 'look into it; rotate the secret if the value may be known to someone else';
  }
  return plan;
}

function groupBySecret(entries: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const m = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    if (!e || typeof e.secretId !== 'string') continue;
    let l = m.get(e.secretId);
    if (!l) m.set(e.secretId, (l = []));
    l.push(e);
  }
  return m;
}

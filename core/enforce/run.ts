import { checkLedgerAnchor, describeAnchorCheck, anchorOk } from '../ledger/anchor';
import { ledgerPathFor, readLedger } from '../ledger/read';
import { verifyLedger } from '../ledger/verify';
import { trustedPolicyLedger } from '../ledger/trusted';
import type { Policy } from '../policy/model/schema';
import { policyOrError, type SetPolicy } from '../policy/state/policy-set';
import type { NextAction } from '../rotation/engine';
import { rotate, type OutcomeCode, type RotationHost } from '../rotation/service';
import { UntrustedPolicyError, type RotationTrust } from '../rotation/trust';
import type { StoreRegistry } from '../stores/registry';
import { knownSecretsFor, readStoreFingerprints, scanHistory, storeFilesOf, workspaceSightings } from './gather';
import { computeEnforcementPlan } from './plan';
import { recordPlannedCompromise } from './record';
import type { EnforcementPlan, SecretPlan, Sighting } from './types';

export interface EnforceOptions {
  /**
   * The policy as the PolicySet loads it (`loadPolicy(path, { strict: true })`, or a set's
   * `load`), as `status` and `rotate` take it; one with errors is refused (throws).
   */
  policy: SetPolicy;
  stores: StoreRegistry;
  trust: RotationTrust;
  fingerprintKey: Uint8Array;
  env: NodeJS.ProcessEnv;
  /** Places outside the repository the user allowed besides the allowed-paths file (passed on to each rotation). */
  allowedPaths?: readonly string[];
  now: () => Date;
  dryRun: boolean;
  only?: string[];
  /** Search the repository's history too (default true). */
  gitHistory?: boolean;
  /** Progress lines (never values). */
  log?: (line: string) => void;
  prompt?: RotationHost['prompt'];
}

export type OutcomeStatus = 'compliant' | 'rotated' | 'resumed' | 'awaiting-revoke' | 'failed' | 'needs-person' | 'notify' | 'blocked' | 'planned';

export interface SecretOutcome {
  secretId: string;
  action: SecretPlan['action'];
  status: OutcomeStatus;
  /** Why it acted (the reason recorded in the ledger), or what the person must know. */
  reason: string;
  message?: string;
  /** What a person can do next (the rotation service's action code; each shell words it). */
  next?: NextAction;
  events: SecretPlan['events'];
  rotationId?: string;
}

export interface EnforceResult {
  /** Set when enforce refused to act (ledger broken or rolled back): nothing was changed. */
  refused?: string;
  plan: EnforcementPlan;
  outcomes: SecretOutcome[];
  notes: string[];
  /** Compliant after acting: nothing failed and nothing needs a person. */
  compliant: boolean;
}

const GOOD: ReadonlySet<OutcomeStatus> = new Set(['compliant', 'rotated', 'resumed', 'awaiting-revoke']);

/**
 * Gathers the facts (ledger, store fingerprints, workspace and history sightings), computes the
 * plan and carries it out: interrupted rotations are resumed (or rolled back) first, exposures
 * of a current value are recorded as `mark-compromised`, then `rotate-now` and due secrets are
 * rotated through the engine with their reason. Refuses to act on a ledger whose chain is broken
 * or that is shorter than, or forked from, this machine's anchor.
 */
export async function runEnforcement(options: EnforceOptions): Promise<EnforceResult> {
  const o = actingOn(options);
  const ledgerPath = ledgerPathFor(o.policyPath);
  const notes: string[] = [];
  // Forged, unlisted-key or unchained entries refuse the run, as a broken chain does (signatures: sign-verify.ts).
  const chain = verifyLedger(ledgerPath, undefined, { writers: o.policy.ledger?.writers });
  const anchor = checkLedgerAnchor(ledgerPath, readLedger(ledgerPath).entries, o.env);
  const ids = o.policy.secrets.map((s) => s.id).filter((id) => !o.only || o.only.includes(id));
  const facts = await gather(o, ids, notes);
  let plan = computeEnforcementPlan({ ...facts, policy: o.policy, now: o.now(), only: o.only, storeFiles: storeFilesOf(o.policy) });
  const refused = !chain.ok ? `the ledger fails verification at line ${chain.firstBadLine} (${chain.reason}); run \`rotation-guard ledger verify\`` : !anchorOk(anchor) ? `ledger ${describeAnchorCheck(anchor)}` : undefined;
  if (anchor.status === 'no-anchor') notes.push(`ledger: ${describeAnchorCheck(anchor)}`);
  if (refused || o.dryRun) {
    const outcomes = plan.secrets.map((p) => outcomeOf(p, p.action === 'none' ? 'compliant' : 'planned'));
    return { refused, plan, outcomes, notes, compliant: !refused && plan.compliant };
  }

  const outcomes = new Map<string, SecretOutcome>();
  // 1. Interrupted rotations first: what is decided next depends on which value ends up current.
  const resumes = plan.secrets.filter((p) => p.action === 'resume');
  for (const p of resumes) outcomes.set(p.secretId, await rotateOne(o, p, 'finish-pending'));
  if (resumes.length) {
    const again = await gather(o, ids, [], false);
    plan = computeEnforcementPlan({ ...again, sightings: facts.sightings, policy: o.policy, now: o.now(), only: o.only, storeFiles: storeFilesOf(o.policy) });
  }
  // 2. Everything else.
  for (const p of plan.secrets) {
    const resumed = outcomes.get(p.secretId);
    if (resumed && !GOOD.has(resumed.status)) continue;
    if (p.recordCompromise) {
      const exposure = p.events.find((e) => !e.answered && (e.kind === 'exposed-in-file' || e.kind === 'exposed-in-git-history'))!;
      await recordPlannedCompromise(ledgerPath, p, exposure.kind as 'exposed-in-file' | 'exposed-in-git-history', o.now());
    }
    if (p.action === 'rotate') outcomes.set(p.secretId, await rotateOne(o, p, 'rotate'));
    else if (p.action === 'none') outcomes.set(p.secretId, resumed ?? outcomeOf(p, 'compliant'));
    else outcomes.set(p.secretId, outcomeOf(p, p.action === 'resume' ? 'failed' : p.action));
  }
  const list = plan.secrets.map((p) => outcomes.get(p.secretId)!);
  return { plan, outcomes: list, notes, compliant: list.every((x) => GOOD.has(x.status)) };
}

/** What the run acts on: the loaded policy, unpacked once; a policy with errors is not acted on. */
type Acting = Omit<EnforceOptions, 'policy'> & { policy: Policy; policyPath: string; policyText: string };

function actingOn(o: EnforceOptions): Acting {
  const ok = policyOrError(o.policy);
  if ('error' in ok) throw new Error(`refusing to act: ${ok.error}`);
  return { ...o, policy: ok.policy, policyPath: o.policy.path, policyText: ok.text };
}

/**
 * `scan`: false after a resume, when only the ledger and the stores changed (the sightings are
 * reused). The ledger is read afresh each time (enforce itself appends between reads) through the
 * one function that decides which entries are trusted, as the PolicySet does.
 */
async function gather(o: Acting, ids: string[], notes: string[], scan = true) {
  const entries = trustedPolicyLedger(o.policyPath, { writers: o.policy.ledger?.writers ?? null }).entries;
  const storeFingerprints = await readStoreFingerprints(o.policy, o.stores, o.fingerprintKey, ids);
  const known = knownSecretsFor(entries, storeFingerprints, o.fingerprintKey);
  const sightings: Sighting[] = [];
  if (scan && (known.current.size || known.retired.size)) {
    sightings.push(...(await workspaceSightings(o.policyPath, known)));
    if (o.gitHistory !== false) {
      const h = await scanHistory(o.policyPath, known);
      sightings.push(...h.sightings);
      if (h.note) notes.push(h.note);
    }
  }
  return { entries, storeFingerprints, sightings };
}

function outcomeOf(p: SecretPlan, status: OutcomeStatus, extra: Partial<SecretOutcome> = {}): SecretOutcome {
  return { secretId: p.secretId, action: p.action, status, reason: p.reason, events: p.events, ...(p.instructions ? { message: p.instructions } : {}), ...extra };
}

/**
 * One secret through the rotation service: `finish-pending` for an interrupted rotation or an
 * expired grace period (the same meaning of "pending" as `rotate` and `run --watch`), else a new
 * rotation with the plan's reason recorded in its first ledger entry. A rollback finishes what
 * was pending too (what the secret needs next is decided afresh). An unconfirmed or revoked
 * confirmation is a person's decision, not a failure: nothing was run.
 */
async function rotateOne(o: Acting, p: SecretPlan, mode: 'finish-pending' | 'rotate'): Promise<SecretOutcome> {
  try {
    const { log, prompt, only: _only, gitHistory: _gitHistory, dryRun: _dryRun, ...rest } = o;
    const r = await rotate({ ...rest, secretId: p.secretId, mode, reason: p.reason }, { prompt, event: (e) => e.kind === 'log' && log?.(e.message) });
    return outcomeOf(p, STATUS[r.code] ?? 'failed', { message: r.message, ...(r.next ? { next: r.next } : {}), ...(r.result?.rotationId ? { rotationId: r.result.rotationId } : {}) });
  } catch (err) {
    if (err instanceof UntrustedPolicyError) return outcomeOf(p, 'needs-person', { message: err.message, next: err.next });
    return outcomeOf(p, 'failed', { message: (err as Error).message });
  }
}

const STATUS: Partial<Record<OutcomeCode, OutcomeStatus>> = { 'nothing-pending': 'compliant', finished: 'resumed', 'rolled-back': 'resumed', 'grace-running': 'awaiting-revoke', rotated: 'rotated', 'awaiting-revoke': 'awaiting-revoke' };

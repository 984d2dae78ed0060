import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isLockHeld, LockTimeoutError, withFileLock } from '../files/lock';
import { LocalStageStore } from '../stores/local-stages';
import type { Policy } from '../policy/model/schema';
import { loadFingerprintKey } from '../values/fingerprint-key';
import { ledgerPathFor } from '../ledger/read';
import { UnreadableEntryError } from '../stores/types';
import type { LedgerEntry } from '../ledger/types';
import { UnreachableStore, type StoreRegistry } from '../stores/registry';
import { findSecret, PlanError, resolveStores, type RotationPlan } from './plan';
import type { PromptRequest, ProviderContext } from './providers/types';
import { activeUser, openRotations, type OpenRotation } from './recovery';
import { RotationSession, type StepRecord } from './session';
import { assertTrusted, policyContentHash, type RotationTrust } from './trust';
import { canProveRevocation, type CheckResult } from './verify';
import { currentValueOf } from './values';
import { preflightStores, valueRefusals } from './preflight';
import { repairUnreadable } from './repair';
import { revokeOld, rollback } from './rollback';
import { check, keepPrevious, result, withPrimary, type NamedStore, type Run } from './run-state';
import { makeDirs } from '../files/make-dirs';

export interface RotateOptions {
  policy: Policy;
  policyPath: string;
  secretId: string;
  stores: StoreRegistry;
  trust: RotationTrust;
  now?: () => Date;
  /** Progress lines; they never contain values. */
  log?: (line: string) => void;
  /** Each ledger entry this run appends, once it is on disk (the rotation service's step events). */
  onEntry?: (entry: LedgerEntry) => void;
  prompt?: (request: PromptRequest) => Promise<string>;
  dryRun?: boolean;
  /** Continue (or, when that is impossible, roll back) an interrupted rotation. */
  resume?: boolean;
  /** Roll back an interrupted rotation that has not been promoted yet. */
  rollback?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Places outside the repository the user allowed besides the allowed-paths file (the editor's machine-scoped setting; never a policy's or workspace's word). */
  allowedPaths?: readonly string[];
  fingerprintKey?: Uint8Array;
  /** The policy file's content, if the caller already read it (for the trust hash). */
  policyText?: string;
  /** Why this rotation runs (`enforce`: the trigger or due date); recorded in the `begin` entry. */
  reason?: string;
}

export type RotationStatus = 'rotated' | 'awaiting-revoke' | 'rolled-back' | 'failed' | 'dry-run' | 'nothing-to-resume';

/**
 * What a person can do next, as a code each shell words its own way (the CLI: a command line;
 * the editor: a button), so no message of the engine carries one shell's syntax.
 */
export type NextAction = 'resume' | 'rollback' | 'wait' | 'confirm' | 'provide-value' | 'trust-workspace';

export interface RotationResult {
  secretId: string;
  rotationId?: string;
  status: RotationStatus;
  message: string;
  steps: StepRecord[];
  newFingerprint?: string;
  versionId?: string;
  /** dry-run: what would happen, in order. */
  plan?: string[];
  next?: NextAction;
}

/** Another live process is rotating this secret right now (its lock is held by a running pid). */
export class RotationBusyError extends Error {
  readonly code = 'rotation/busy';
}

/** The lock a rotation of one secret holds from `begin` (or resume) to its last step. */
export function rotationLockPath(policyPath: string, secretId: string): string {
  return join(dirname(ledgerPathFor(policyPath)), `rotating-${secretId.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
}

/**
 * A rotation of the secret is under way in a live process (this one or another): its stores may
 * hold the old value in one place and the new in another until it ends, so what is seen in them
 * now says nothing about an exposure.
 */
export function isRotationRunning(policyPath: string, secretId: string): boolean {
  return isLockHeld(rotationLockPath(policyPath, secretId));
}

class VerificationFailed extends Error {}

function describePlan(plan: RotationPlan, primary: string): string[] {
  const p = plan.provider!;
  return [
    `create a new value with the ${p.type} provider (${plan.strategy})`,
    `store it as PENDING in ${primary}`,
    p.apply ? `apply it (${p.type})` : 'apply: nothing to do for this provider',
    plan.verification ? `test that it works (${plan.verification.type} check)` : 'test: no verification configured (skipped)',
    `promote: CURRENT in ${plan.stores.map((s) => s.name).join(', ')}, old value kept as PREVIOUS`,
    plan.graceMs ? `after the ${plan.secret.gracePeriod} grace period: revoke the old value and check that it fails` : 'revoke the old value and check that it fails',
    'finish: forget PREVIOUS; every step is recorded in the ledger',
  ];
}

/** What the engine needs before the lock: the plan, the secret's stores and the one that holds its stages. */
export interface Prepared {
  plan: RotationPlan;
  stores: NamedStore[];
  primary: NamedStore;
  ledgerPath: string;
  /** Dry run only: why the real run would stop at the trust check. */
  untrusted?: string;
}

/** Checks trust and reachability for a resolved plan (nothing is written). */
export function prepareRotation(o: RotateOptions, plan: RotationPlan): Prepared {
  if (!plan.provider) throw new PlanError(`secret "${o.secretId}" has no \`rotation\` in the policy; add one (see docs/rotation.md)`);
  const text = o.policyText ?? readFileSync(o.policyPath, 'utf8');
  let untrusted: string | undefined;
  try {
    assertTrusted(plan.trustReasons, o.trust, policyContentHash(text), o.policyPath, o.env ?? process.env);
  } catch (err) {
    if (!o.dryRun) throw err;
    untrusted = (err as Error).message;
  }
  const stores = plan.stores.map((s) => ({ name: s.name, store: o.stores.open(s.ref) }));
  const unreachable = stores.find((s) => s.store instanceof UnreachableStore);
  if (unreachable && !o.dryRun) throw new PlanError(`secret "${o.secretId}" is kept in store "${unreachable.name}" (${unreachable.store.kind}), which cannot be reached from here; rotate it from VS Code`);
  const ledgerPath = ledgerPathFor(o.policyPath);
  // Env files hold only CURRENT: without a store that holds stages, PENDING/PREVIOUS go to a
  // git-ignored 0600 file beside the ledger (headless servers without a keyring or pass).
  const primary = stores.find((s) => s.store.supportsStages) ?? { name: 'local stage file (.rotation/stages)', store: new LocalStageStore(dirname(ledgerPath)) };
  return { plan, stores, primary, ledgerPath, untrusted };
}

/** Runs `fn` holding the secret's rotation lock; a live holder is a RotationBusyError. */
export async function withRotationLock<T>(policyPath: string, secretId: string, fn: () => Promise<T>): Promise<T> {
  makeDirs(dirname(ledgerPathFor(policyPath)));
  try {
    return await withFileLock(rotationLockPath(policyPath, secretId), fn, { timeoutMs: 0 });
  } catch (err) {
    if (err instanceof LockTimeoutError) throw new RotationBusyError(`"${secretId}" is being rotated by another running process right now (lock ${rotationLockPath(policyPath, secretId)}); try again when it has finished`);
    throw err;
  }
}

/**
 * A dry run: what a rotation would do, in order (nothing is written). The rotation service
 * (service.ts) is the one way in; it resolves the plan and reads the ledger once.
 */
export function planOnly(o: RotateOptions, p: Prepared, entries: LedgerEntry[]): RotationResult {
  const open = openRotations(entries).find((r) => r.secretId === o.secretId);
  const lines = describePlan(p.plan, p.primary.name);
  if (p.untrusted) lines.unshift(`(as things stand the real run would stop here: ${p.untrusted})`);
  if (open) lines.unshift(`an interrupted rotation (${open.rotationId}, last step ${open.lastStep} ${open.lastOutcome}) would be resumed first`);
  return { secretId: o.secretId, status: 'dry-run', message: `dry run: nothing was changed`, steps: [], plan: lines };
}

/**
 * One run under the secret's lock, given the ledger as read under that lock: AWS Secrets
 * Manager's steps (create → set → test → finish) with CURRENT / PENDING / PREVIOUS stages. At
 * every point a working value is held in a store: the new value sits in PENDING before it is
 * applied anywhere, and the old one stays in PREVIOUS until its revocation is verified. An
 * interrupted run is continued or rolled back with `resume` / `rollback`.
 */
export async function rotateLocked(o: RotateOptions, p: Prepared, entries: LedgerEntry[]): Promise<RotationResult> {
  const { plan, stores, primary: primaryEntry, ledgerPath } = p;
  const open = openRotations(entries).find((r) => r.secretId === o.secretId);
  if (open && !o.resume && !o.rollback) {
    // The service finishes an open rotation before it starts one; this run must never start a second.
    throw new Error(`a rotation of "${o.secretId}" is in progress since ${open.beganAt} (last step: ${open.lastStep} ${open.lastOutcome})`);
  }
  if (!open && (o.resume || o.rollback)) return { secretId: o.secretId, status: 'nothing-to-resume', message: `no interrupted rotation of "${o.secretId}"`, steps: [] };

  const env = o.env ?? process.env;
  const now = o.now ?? (() => new Date());
  const session = new RotationSession(ledgerPath, o.secretId, open?.rotationId ?? randomUUID(), o.fingerprintKey ?? loadFingerprintKey(env), plan.provider!.type, o.log ?? (() => undefined), env, now, o.onEntry);
  const allStores = withPrimary(stores, primaryEntry);
  // What a killed run left (temp files holding values) goes first, whatever this run does next.
  await Promise.all(allStores.map((s) => s.store.sweep?.(o.secretId).catch(() => undefined)));
  // Nothing may be created that cannot be stored: the stores' own checks run before `create`.
  if (!open) await preflightStores(allStores, o.secretId);
  let old: string | null;
  try {
    old = await currentValueOf(stores.map((s) => s.store), o.secretId, primaryEntry.store);
  } catch (err) {
    if (!(err instanceof UnreadableEntryError)) throw err;
    for (const line of await repairUnreadable({ stores: allStores, secretId: o.secretId, entries, open, fingerprint: (v) => session.fingerprint(v), guard: (v) => session.guard(v) })) session.log(`${o.secretId}: ${line}`);
    old = await currentValueOf(stores.map((s) => s.store), o.secretId, primaryEntry.store);
  }
  session.guard(old);
  const ctx: ProviderContext = {
    secretId: o.secretId,
    currentValue: old,
    currentUser: activeUser(entries, o.secretId, open?.rotationId),
    strategy: plan.strategy,
    secretValue: async (id) => {
      const v = await currentValueOf(resolveStores(o.policy, findSecret(o.policy, id)).map((s) => o.stores.open(s.ref)), id);
      session.guard(v);
      return v;
    },
    prompt: o.prompt,
    cwd: dirname(o.policyPath),
    env,
  };
  if (plan.secret.gracePeriod && plan.inPlace) session.log(`${o.secretId}: gracePeriod ${plan.secret.gracePeriod} ignored: the ${plan.provider!.type} provider (single-user) replaces the old value at apply; use alternating-users for a grace period`);
  const run: Run = { o, plan, session, stores, primary: primaryEntry.store, ctx, now, done: new Set(), old, oldUser: ctx.currentUser, applyStarted: false };
  try {
    return open ? await resume(run, open) : await begin(run);
  } catch (err) {
    // Anything escaping here left the rotation open on purpose (e.g. a store failed after
    // promote); say how to continue, without values.
    return result(run, 'failed', `${session.scrub((err as Error).message)} — the rotation is still open`, 'resume');
  }
}

async function begin(run: Run): Promise<RotationResult> {
  const { session, primary, plan } = run;
  const id = run.o.secretId;
  await session.record('begin', 'ok', { oldFingerprint: run.old ? session.fingerprint(run.old) : undefined, detail: `${plan.strategy}; stores: ${plan.stores.map((s) => s.name).join(', ')}${run.o.reason ? `; reason: ${run.o.reason}` : ''}` });
  await session.pause('begin', 'after');
  try {
    run.created = await session.step('create', () => plan.provider!.create(run.ctx), (c) => {
      session.guard(c.value);
      return { extra: { newFingerprint: session.fingerprint(c.value), versionId: c.versionId, user: c.user } };
    });
  } catch (err) {
    await session.record('rollback', 'ok', { detail: 'nothing was changed: create failed' });
    return result(run, 'failed', `create failed: ${session.scrub((err as Error).message)}`);
  }
  const created = run.created;
  const fp = { newFingerprint: session.fingerprint(created.value), versionId: created.versionId, user: created.user };
  const refusals = valueRefusals(withPrimary(run.stores, { name: 'stages', store: primary }), id, created.value, created.user);
  if (refusals.length) {
    // Refused before it reached any store: what the issuer made is revoked or named.
    run.created = undefined;
    return rollback(run, `the new value cannot be stored (${refusals.join('; ')})`, { ...created, createdAt: run.now().toISOString(), createFinished: true });
  }
  try {
    await session.step('store-pending', async () => {
      await primary.set(id, 'pending', created.value, created.user);
      if ((await primary.get(id, 'pending')) !== created.value) throw new Error(`${primary.describe()} did not return the value just written (is the keyring locked?)`);
    }, () => ({}), fp, false);
  } catch (err) {
    return rollback(run, `store-pending failed: ${(err as Error).message}`);
  }
  run.done.add('store-pending');
  return forward(run);
}

async function forward(run: Run): Promise<RotationResult> {
  const { session, plan, primary, done } = run;
  const id = run.o.secretId;
  const created = run.created!;
  const provider = plan.provider!;
  const fp = { newFingerprint: session.fingerprint(created.value), versionId: created.versionId, user: created.user };
  if (!done.has('promote')) {
    if (!done.has('apply')) {
      try {
        run.applyStarted = !!provider.apply;
        if (provider.apply) {
          await session.step('apply', async () => {
            if (!plan.inPlace) return provider.apply!(run.ctx, created);
            // In place, the old value dies at apply: the stores apps read get the new one right
            // after (restored by rollback if the test fails). Prepared first, so the gap between
            // the provider's change and the stores' is a rename, not a git check and an fsync.
            if (keepPrevious(run)) await primary.set(id, 'previous', run.old!, run.oldUser);
            const prepared = await Promise.all(run.stores.map((s) => (s.store.prepareSet ? s.store.prepareSet(id, 'current', created.value, created.user) : null)));
            try {
              await provider.apply!(run.ctx, created);
            } catch (err) {
              await Promise.all(prepared.map((p) => p?.abort()));
              throw err;
            }
            await Promise.all(run.stores.map((s, i) => prepared[i]?.commit() ?? s.store.set(id, 'current', created.value, created.user)));
          }, () => ({ detail: plan.inPlace ? `applied; CURRENT in ${run.stores.map((s) => s.name).join(', ')} (the old value is replaced in place)` : undefined }), fp);
        }
        else await session.record('apply', 'skipped', { ...fp, detail: `the ${provider.type} provider has nothing to apply` });
      } catch (err) {
        return rollback(run, `apply failed: ${(err as Error).message}`);
      }
    }
    if (!done.has('test-new')) {
      if (plan.verification) {
        try {
          await session.step('test-new', async () => {
            let r: CheckResult = { status: 'error', detail: '' };
            for (let attempt = 0; attempt < 3; attempt++) {
              r = await check(run, created.value, created.user);
              if (r.status === 'works') return r;
              await new Promise((res) => setTimeout(res, 300 * (attempt + 1))); // new keys can take a moment to propagate
            }
            throw new VerificationFailed(`the new value does not work: ${r.detail}`);
          }, (r) => ({ detail: r.detail }), fp, false);
        } catch (err) {
          return rollback(run, (err as Error).message);
        }
      } else {
        await session.record('test-new', 'skipped', { ...fp, detail: 'no verification configured for this secret' });
      }
    }
    await session.step('promote', async () => {
      // Order matters for a crash in between: PREVIOUS before any CURRENT is overwritten, and
      // PENDING dropped only after every CURRENT is written. The stores themselves are independent.
      await publish(run, created.value, created.user);
      await primary.delete(id, 'pending');
    }, () => ({ detail: `CURRENT in ${run.stores.map((s) => s.name).join(', ')}` }), fp);
    run.promotedAt = run.now().toISOString();
  }
  if (!done.has('revoke-old') && plan.graceMs > 0) {
    const due = Date.parse(run.promotedAt ?? run.now().toISOString()) + plan.graceMs;
    if (run.now().getTime() < due) {
      return result(run, 'awaiting-revoke', `promoted; the old value stays valid until ${new Date(due).toISOString()} (grace ${plan.secret.gracePeriod}), then the rotation resumed revokes it`, 'resume');
    }
  }
  if (!done.has('revoke-old')) {
    if (run.old !== null && provider.revoke) await session.step('revoke-old', () => revokeOld(run), (r) => ({ outcome: r.outcome, detail: r.detail }), fp);
    else await session.record('revoke-old', 'skipped', { ...fp, detail: run.old === null ? 'there was no old value' : `the ${provider.type} provider cannot revoke; revoke the old value at its issuer` });
  }
  if (!done.has('test-old-fails')) {
    // Only a provider that revokes (postgres: ALTER ROLE replaced the old password) can be
    // expected to make the old value fail; for the others nothing was revoked to check.
    if (run.old !== null && provider.revoke && canProveRevocation(plan.verification) && plan.strategy === 'single-user') {
      const r = await session.step('test-old-fails', () => check(run, run.old!, run.oldUser), (r) => ({ outcome: r.status === 'refused' ? 'ok' : 'failed', detail: r.status === 'works' ? `the old value still works: ${r.detail}` : r.detail }), fp, false);
      if (r.status !== 'refused') {
        return result(run, 'failed', `the old value was not shown to fail (${r.status}: ${r.detail}); it stays in PREVIOUS until you revoke it at its issuer`, 'resume');
      }
    } else {
      const why =
        run.old === null ? 'there was no old value'
        : !provider.revoke ? `the ${provider.type} provider does not revoke; the old value was removed from the stores`
        : plan.strategy === 'alternating-users' ? 'alternating-users: the previous account stays valid until its next turn'
        : 'no verification that can prove a credential fails';
      await session.record('test-old-fails', 'skipped', { ...fp, detail: why });
    }
  }
  await session.step('finish', async () => (keepPrevious(run) ? primary.delete(id, 'previous') : false), () => ({ detail: `rotated with ${provider.type}` }), fp, false);
  return result(run, 'rotated', `rotated "${id}" (new fingerprint ${fp.newFingerprint})`);
}

/** PREVIOUS := old (when kept), then CURRENT := value (with its user) in every store. Idempotent. */
async function publish(run: Run, value: string, user: string | undefined): Promise<void> {
  const id = run.o.secretId;
  if (keepPrevious(run)) await run.primary.set(id, 'previous', run.old!, run.oldUser);
  await Promise.all(run.stores.map((s) => s.store.set(id, 'current', value, user)));
}

async function resume(run: Run, open: OpenRotation): Promise<RotationResult> {
  const { session, primary, stores } = run;
  const id = run.o.secretId;
  const candidates: string[] = [];
  for (const stage of ['pending', 'current', 'previous'] as const) {
    const v = await primary.get(id, stage);
    if (v !== null) candidates.push(v);
  }
  for (const s of stores) if (s.store !== primary) {
    const v = await s.store.get(id, 'current');
    if (v !== null) candidates.push(v);
  }
  candidates.forEach((v) => session.guard(v));
  const newValue = open.newFingerprint ? candidates.find((v) => session.fingerprint(v) === open.newFingerprint) : undefined;
  const oldValue = open.oldFingerprint ? candidates.find((v) => session.fingerprint(v) === open.oldFingerprint) : undefined;
  run.old = oldValue ?? null;
  run.applyStarted = open.started.has('apply');
  run.ctx.currentValue = run.old;
  for (const s of open.ok) run.done.add(s);
  run.promotedAt = open.promotedAt;
  if (newValue) run.created = { value: newValue, versionId: open.versionId, user: open.newUser };
  const promoteStarted = open.started.has('promote');
  run.promoteStarted = promoteStarted;
  if (open.started.has('create') && !newValue) {
    const createdAt = open.entries.find((e) => e.step === 'create')?.at ?? open.beganAt;
    run.orphan = { versionId: open.versionId, user: open.newUser, createdAt, createFinished: open.ok.has('create') };
  }
  if (run.o.rollback || open.started.has('rollback') || !newValue) {
    // Once promote is recorded ok the new value is the current one everywhere: only forward.
    // A promote that began but did not end (a store refused, or a kill) can still be undone.
    if (open.ok.has('promote') && newValue) {
      if (run.o.rollback) throw new Error('this rotation was already promoted; it can only be resumed, not rolled back');
    } else {
      if (open.oldFingerprint && !oldValue) return result(run, 'failed', 'neither the old nor the new value was found in the stores; restore the old value by hand first', 'rollback');
      return rollback(run, newValue ? 'rollback requested' : 'resume: the new value never reached a store');
    }
  }
  if (!open.ok.has('store-pending')) await session.record('store-pending', 'ok', { newFingerprint: open.newFingerprint, detail: 'resume: the pending value was found in the store' });
  session.log(`${id}: resuming rotation ${open.rotationId} after ${open.lastStep} ${open.lastOutcome}`);
  return forward(run);
}

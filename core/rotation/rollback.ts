import { canProveRevocation } from './verify';
import { settleOrphan } from './orphans';
import { generateSecret } from './providers/generate';
import type { OrphanRef, RevokeOutcome } from './providers/types';
import type { RotationResult } from './engine';
import { check, result, type Run } from './run-state';

/**
 * The provider's revoke. A run killed after the issuer revoked the old value but before the
 * ledger said so repeats it on resume, and many issuers answer a second revocation with an error
 * (401, "no such key"): when the old value is then shown to be refused, it is revoked, and the
 * rotation goes on instead of failing at this step forever.
 */
export async function revokeOld(run: Run): Promise<RevokeOutcome> {
  try {
    return await run.plan.provider!.revoke!(run.ctx, run.old!, run.oldUser);
  } catch (err) {
    if (!run.plan.verification || !canProveRevocation(run.plan.verification)) throw err;
    const r = await check(run, run.old!, run.oldUser);
    if (r.status !== 'refused') throw err;
    return { outcome: 'ok', detail: `revoking failed (${(err as Error).message}), but the old value is already refused (${r.detail}): an earlier, interrupted run revoked it` };
  }
}

/**
 * Before promote ends: make the old value valid again where it was replaced, put it back as
 * CURRENT in every store promote may have written, then drop PENDING. A credential `create` made
 * at the issuer that will now be in no store is revoked, or named in the result (orphans.ts).
 */
export async function rollback(run: Run, reason: string, orphanIn?: OrphanRef & { createFinished: boolean }): Promise<RotationResult> {
  const { session, plan, primary } = run;
  const id = run.o.secretId;
  const provider = plan.provider!;
  const orphan = orphanIn ?? run.orphan ?? (run.created ? { ...run.created, createdAt: run.now().toISOString(), createFinished: true } : undefined);
  let orphanNote = '';
  try {
    await session.step('rollback', async () => {
      if (run.applyStarted && provider.restore && run.old !== null && plan.strategy === 'single-user') await provider.restore(run.ctx, run.old, run.oldUser);
      if (provider.discardIssued) await provider.discardIssued(run.ctx);
      const switchedTo = run.created?.user ?? run.orphan?.user;
      if (run.applyStarted && provider.restore && plan.strategy === 'alternating-users' && switchedTo && switchedTo !== run.oldUser) {
        // The account switched to had been given the new password, which no store will hold after
        // this rollback: a fresh random one that nobody ever sees makes it unusable again.
        await provider.restore(run.ctx, generateSecret({ length: 48, alphabet: 'alphanumeric' }), switchedTo);
      }
      if (run.old !== null && plan.verification && canProveRevocation(plan.verification)) {
        const r = await check(run, run.old, run.oldUser);
        if (r.status !== 'works') throw new Error(`after rollback the old value does not work either (${r.detail}); the new value is kept in PENDING`);
      }
      if (((run.applyStarted && plan.inPlace) || run.promoteStarted) && run.old !== null) {
        // apply or a partial promote had published the new value: the stores get the old one
        // back (a store that still holds it is left alone, so one that refuses writes is no obstacle).
        await Promise.all(run.stores.map(async (s) => ((await s.store.get(id, 'current')) === run.old ? undefined : s.store.set(id, 'current', run.old!, run.oldUser))));
        await primary.delete(id, 'previous');
      }
      await primary.delete(id, 'pending');
      if (orphan) {
        session.guard(orphan.value);
        orphanNote = (await settleOrphan(provider, run.ctx, orphan, orphan.createFinished)).detail;
      }
    }, () => ({ detail: orphanNote ? `${reason}; ${orphanNote}` : reason }));
  } catch (err) {
    return result(run, 'failed', `${session.scrub(reason)}; rollback failed: ${session.scrub((err as Error).message)}`);
  }
  return result(run, 'rolled-back', `${session.scrub(reason)}; rolled back, the old value is current${orphanNote ? `; ${session.scrub(orphanNote)}` : ''}`);
}


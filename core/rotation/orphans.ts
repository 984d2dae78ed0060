import type { OrphanRef, ProviderContext, RotationProvider } from './providers/types';

/**
 * Deals with a credential `create` made at the issuer that no store will hold (the run was killed
 * before PENDING, a store refused the value, or the rotation is rolled back before promote).
 * Revokes it when the provider can (by id with `discard`, or with `revoke` while this run still
 * holds the value); otherwise returns a sentence naming exactly what to revoke by hand.
 * Never throws: a failed revocation is reported the same way. The text never holds the value.
 */
export async function settleOrphan(provider: RotationProvider, ctx: ProviderContext, orphan: OrphanRef, createFinished: boolean): Promise<{ revoked: boolean; detail: string }> {
  if (!provider.issuesAtCreate) return { revoked: false, detail: '' };
  const what = `the credential the ${provider.type} provider created${orphan.versionId ? ` (id ${orphan.versionId})` : ''}${createFinished ? '' : ` (create was interrupted at ${orphan.createdAt}; the issuer may or may not have made one)`}`;
  const where = provider.issuer?.() ?? `its issuer`;
  try {
    if (provider.discard) {
      const r = await provider.discard(ctx, orphan);
      if (r.outcome === 'ok') return { revoked: true, detail: `revoked ${what}, which no store held: ${r.detail}` };
      return { revoked: false, detail: `${what} is held by no store and was not revoked (${r.detail}): revoke it at ${where}` };
    }
    if (orphan.value !== undefined && provider.revoke) {
      const r = await provider.revoke(ctx, orphan.value, orphan.user);
      if (r.outcome === 'ok') return { revoked: true, detail: `revoked ${what}, which no store held: ${r.detail}` };
    }
  } catch (err) {
    return { revoked: false, detail: `${what} is held by no store; revoking it failed (${(err as Error).message}): revoke it at ${where}` };
  }
  return { revoked: false, detail: `${what} is held by no store: revoke it at ${where}${orphan.versionId ? '' : ` (created around ${orphan.createdAt})`}` };
}

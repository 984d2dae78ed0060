import type { LedgerEntry } from '../../../core/ledger';
import { secretsOf, type PolicySet, type SetPolicy } from '../../../core/policy';
import type { SecretsStateRequest } from '../../../protocol/src/protocol';
import { uriToPath } from '../paths';

/** Exposure-like ledger steps: compromise reports, and any exposure the engine records. */
function isExposure(e: LedgerEntry): boolean {
  return e.outcome === 'ok' && (e.step === 'mark-compromised' || (e.step as string).startsWith('expos'));
}

/**
 * The Secrets view's request, answered from the PolicySet: every policy (or the one asked for) with
 * each secret's state, stores and ledger history, and the policies that do not load.
 * `exposedIn`: where a secret's current value was seen this session (the exposure judge).
 */
export function secretsState(set: PolicySet, params: SecretsStateRequest.Params, exposedIn: (policyPath: string, id: string, lastRotated: string | null) => string | undefined): SecretsStateRequest.Result {
  // The view asks after a change it saw on disk, perhaps before the server heard of it: read afresh.
  set.invalidate();
  const at = params.now ? new Date(params.now) : undefined;
  const only = params.policyUri ? uriToPath(params.policyUri) : undefined;
  let policies: SetPolicy[] = only ? [set.policy(only)] : set.get().policies;
  if (at) policies = policies.map((p) => set.load(p.path, at));
  const out: SecretsStateRequest.Result = { secrets: [], broken: [], policies: policies.length };
  for (const p of policies) {
    if (!p.policy) {
      const first = p.error?.problems[0];
      out.broken.push({ policyUri: p.uri, message: first?.message ?? p.error?.message ?? 'the policy could not be read', line: first?.range.start.line ?? 0 });
      continue;
    }
    for (const s of secretsOf(p)) {
      const { range, id, ...state } = s.state;
      const last = s.entries[s.entries.length - 1];
      const seen = exposedIn(p.path, id, state.lastRotated);
      out.secrets.push({
        id,
        policyUri: p.uri,
        state: state.state,
        lastRotated: state.lastRotated,
        dueAt: state.dueAt,
        ageDays: state.ageDays,
        maxAgeDays: state.maxAgeDays,
        compromisedAt: state.compromisedAt,
        line: range.start.line,
        kind: s.spec.kind,
        ...(s.spec.rotation?.provider ? { provider: s.spec.rotation.provider } : {}),
        stores: s.spec.stores,
        ...(last ? { lastEvent: { at: last.at, step: last.step, outcome: last.outcome } } : {}),
        rotations: s.entries.filter((e) => e.step === 'finish' && e.outcome === 'ok').map((e) => e.at),
        exposures: s.entries.filter(isExposure).map((e) => ({ at: e.at, detail: e.detail ?? e.step, ...(e.event ? { event: e.event } : {}) })),
        ...(seen ? { exposedIn: seen } : {}),
      });
    }
  }
  return out;
}

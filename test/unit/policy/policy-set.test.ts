import { strict as assert } from 'node:assert';
import { appendLedgerEntry } from '../../../core/ledger';
import { loadPolicy, policyOrError, PolicySet } from '../../../core/policy';
import { appendByHand } from '../../helpers/ledger';
import { onePolicySecret } from '../../helpers/policy-text';
import { withTempProject } from '../../helpers/temp-project';

describe('PolicySet: the workspace policies, their secrets and states, loaded once', () => {
  it('indexes every policy under the folders with states, env vars, stores and each secret\'s ledger entries', async () => {
    await withTempProject('rg-policy-set-', { policy: onePolicySecret({ id: 'openai-prod', lastRotated: '2020-01-01T00:00:00Z' }) }, async (p) => {
      p.writePolicy(onePolicySecret({ id: 'db-pass', kind: 'password' }), 'sub/db.rotation.yaml');
      await appendLedgerEntry(p.path('.rotation', 'ledger.jsonl'), { secretId: 'openai-prod', step: 'mark-compromised', outcome: 'ok', detail: 'pasted' });
      const set = new PolicySet({ folders: () => [p.dir], now: () => new Date('2026-01-01T00:00:00Z') });
      const snap = set.get();
      assert.deepEqual(snap.policies.map((x) => x.error), [undefined, undefined]);
      const prod = set.secret('openai-prod')!;
      assert.equal(prod.state.state, 'compromised');
      assert.deepEqual(prod.stores, ['kc (keychain)']);
      assert.deepEqual(prod.entries.map((e) => e.step), ['mark-compromised']);
      assert.equal(snap.byEnvVar.get('OPENAI_PROD')?.id, 'openai-prod');
      assert.equal(set.secret('db-pass')?.policyPath, p.path('sub', 'db.rotation.yaml'));
      assert.ok(set.secret('db-pass')!.policyUri.startsWith('file://'));
    });
  });

  it('acts only on ledger entries on an unbroken chain: a line appended by hand is not in a secret\'s history (the analysis still reports it)', async () => {
    await withTempProject('rg-policy-set-forged-', { policy: onePolicySecret({ id: 'openai-prod' }) }, async (p) => {
      const ledger = p.path('.rotation', 'ledger.jsonl');
      await appendLedgerEntry(ledger, { secretId: 'openai-prod', step: 'store', outcome: 'ok', detail: 'stored' });
      // A crafted repository's ledger: a plausible line that no writer appended through the chain.
      appendByHand(ledger, { secretId: 'openai-prod', step: 'mark-compromised', outcome: 'ok', detail: 'forged' });
      const set = new PolicySet({ folders: () => [p.dir] });
      assert.deepEqual(set.secret('openai-prod')!.entries.map((e) => e.step), ['store']);
      const loaded = loadPolicy(p.path('rotation-policy.yaml'));
      assert.deepEqual(loaded.ledgerEntries.map((e) => e.detail), ['stored']);
      assert.ok(loaded.analysis.problems.some((x) => x.code === 'policy/ledger-untrusted'), loaded.analysis.problems.map((x) => x.code).join(', '));
    });
  });

  it('is built once and rebuilt after invalidate() or when an open policy\'s version changes', async () => {
    await withTempProject('rg-policy-set2-', { policy: onePolicySecret({ id: 'a' }) }, async (p) => {
      let open: { text: string; version: number } | undefined;
      const set = new PolicySet({ folders: () => [p.dir], openText: () => open });
      const first = set.get();
      assert.equal(set.get(), first, 'the same snapshot while nothing changed');
      p.writePolicy(onePolicySecret({ id: 'b' }));
      assert.equal(set.get(), first, 'a change on disk is seen after invalidate()');
      set.invalidate();
      assert.deepEqual(set.get().all.map((s) => s.id), ['b']);
      open = { text: onePolicySecret({ id: 'unsaved' }), version: 3 };
      assert.deepEqual(set.get().all.map((s) => s.id), ['unsaved'], 'the editor\'s unsaved text counts');
    });
  });

  it('gives each broken policy its own clear error and keeps the others', async () => {
    await withTempProject('rg-policy-set3-', { policy: onePolicySecret({ id: 'good' }) }, async (p) => {
      p.writePolicy('version: 1\nsecrets:\n  - id: bad\n    kind: not-a-kind\n', 'broken.rotation.yaml');
      const snap = new PolicySet({ folders: () => [p.dir] }).get();
      assert.deepEqual(snap.all.map((s) => s.id), ['good']);
      const broken = snap.policies.find((x) => x.path.endsWith('broken.rotation.yaml'))!;
      assert.ok(broken.error, 'the broken policy carries an error');
      assert.match(broken.error.message, /^line \d+: /);
      const r = policyOrError(broken, 'broken.rotation.yaml');
      assert.ok('error' in r && r.error.startsWith('broken.rotation.yaml has errors, so nothing was done — line '), JSON.stringify(r));
    });
  });

  it('loadPolicy never throws: a missing file is an error naming it; strict refuses what enforce must not act on', async () => {
    await withTempProject('rg-policy-set4-', { policy: onePolicySecret({ id: 'old', lastRotated: '2020-01-01T00:00:00Z' }) }, async (p) => {
      const missing = loadPolicy(p.path('nope.rotation.yaml'));
      assert.match(missing.error!.message, /^cannot read .*nope\.rotation\.yaml: ENOENT$/);
      // overdue is a stale/* error: what enforce exists for, not a reason to refuse
      const strict = loadPolicy(p.path('rotation-policy.yaml'), { strict: true, now: new Date('2026-01-01T00:00:00Z') });
      assert.ok(strict.analysis.problems.some((x) => x.code === 'stale/overdue'));
      assert.equal(strict.error, undefined);
      assert.ok(strict.policy);
    });
  });
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendLedgerEntry, ledgerWritersIn, loadSigningKey, trustedPolicyLedger } from '../../../core/ledger';
import { knownSecretsNear } from '../../../core/filter';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { appendByHand } from '../../helpers/ledger';
import { tempProject } from '../../helpers/temp-project';

const key = (c: string) => `ed25519:${c.repeat(43)}`;

describe('trusted entries of a policy\'s ledger: one function for every caller', () => {
  it('reads ledger.writers without the policy parser: YAML block form and JSON; none listed is undefined; a form it cannot read lists nobody', () => {
    const yaml = `version: 1\n# ledger:\n#   writers: [{name: old, publicKey: ${key('z')}}]\nsecrets: []\nledger:\n  # who may write\n  writers:\n    - name: alice\n      publicKey: ${key('a')}\n    - publicKey: '${key('b')}' # bob\n      name: bob\n  # publicKey: ${key('c')}\nstores: {}\n`;
    assert.deepEqual(ledgerWritersIn(yaml)!.map((w) => w.publicKey), [key('a'), key('b')]);
    assert.deepEqual(ledgerWritersIn(JSON.stringify({ version: 1, ledger: { writers: [{ name: 'alice', publicKey: key('a') }] } }))!.map((w) => w.publicKey), [key('a')]);
    assert.equal(ledgerWritersIn('version: 1\nsecrets: []\n'), undefined);
    assert.equal(ledgerWritersIn('{"version": 1}'), undefined);
    // a YAML flow mapping is not JSON: read as "lists nobody", never as "lists none" (which would trust any key)
    assert.deepEqual(ledgerWritersIn(`{version: 1, ledger: {writers: [{name: a, publicKey: '${key('a')}'}]}}`), []);
    assert.equal(ledgerWritersIn('{version: 1, secrets: []}'), undefined);
    assert.deepEqual(ledgerWritersIn(`version: 1\nledger: {writers: [{name: a, publicKey: ${key('a')}}]}\n`), []);
    assert.deepEqual(ledgerWritersIn(`version: 1\nledger:\n  writers: [{name: a, publicKey: ${key('a')}}]\n`), []);
  });

  it('an entry signed by a key the policy file does not list, or appended by hand, is not trusted; the hook\'s known values ignore it', async () => {
    const { dir } = tempProject('rg-trusted-ledger-');
    const alice = { ...process.env, XDG_CONFIG_HOME: join(`${dir}-home`, 'alice') };
    const bob = { ...process.env, XDG_CONFIG_HOME: join(`${dir}-home`, 'bob') };
    const policyPath = join(dir, 'rotation-policy.yaml');
    writeFileSync(policyPath, policyYaml({ version: 1, stores: {}, secrets: [machineSecret('tok', { kind: 'token', stores: [] })], ledger: { writers: [{ name: 'alice', publicKey: loadSigningKey(alice).publicKey }] } }));
    const ledger = join(dir, '.rotation', 'ledger.jsonl');
    await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok', newFingerprint: 'hk1:alice' }, { env: alice });
    await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok', newFingerprint: 'hk1:bob' }, { env: bob });
    const t = trustedPolicyLedger(policyPath);
    assert.deepEqual(t.entries.map((e) => e.newFingerprint), ['hk1:alice']);
    assert.match(t.rejected.map((r) => r.reason).join('\n'), /does not list/);
    appendByHand(ledger, { secretId: 'tok', step: 'finish', outcome: 'ok', rotationId: 'forged', newFingerprint: 'hk1:forged' });
    assert.deepEqual(trustedPolicyLedger(policyPath).entries.map((e) => e.newFingerprint), ['hk1:alice']);
    const near = knownSecretsNear(dir, alice)!;
    assert.deepEqual([...near.known.current.keys()], ['hk1:alice'], 'the assistant hook knows only the trusted value');
    assert.deepEqual([...knownSecretsNear(dir, alice)!.known.current.keys()], ['hk1:alice'], 'the remembered verdict, the ledger unchanged');
    // An edit of the same length (same size, a verdict keyed by anything but the bytes would miss it).
    writeFileSync(ledger, readFileSync(ledger, 'utf8').replace('hk1:alice', 'hk1:alicx'));
    assert.deepEqual(trustedPolicyLedger(policyPath).entries, [], 'the edited first entry breaks the chain from there on');
    assert.equal(knownSecretsNear(dir, alice), undefined);
  });
});

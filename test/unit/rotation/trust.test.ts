import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { assertTrusted, confirmationFor, confirmPolicy, policyContentHash, trustedPoliciesPath, UntrustedPolicyError } from '../../../core/rotation/trust';
import type { TrustRecord } from '../../../core/rotation/trust-record';
import { tempProject } from '../../helpers/temp-project';

describe('rotation trust gate', () => {
  const reasons = ['the command provider runs something'];
  const hash = policyContentHash('version: 1\n');
  const record = (policyHash: string): TrustRecord => ({ v: 2, policyHash, commands: [], files: [], contacts: [], at: '2026-01-01T00:00:00Z' });

  it('allows rotations that run nothing without any trust', () => {
    assert.doesNotThrow(() => assertTrusted([], { workspaceTrusted: false }, hash, 'p.yaml'));
  });

  // Each refusal is plain words plus a next action; the shells word the action (CLI flag, editor dialog).
  const refusal = (next: string, words: RegExp) => (e: unknown) => e instanceof UntrustedPolicyError && e.next === next && words.test(e.message) && !/rotation-guard|--trust|VS Code/.test(e.message);

  it('refuses an untrusted workspace, an unconfirmed policy and a policy changed since confirmation', () => {
    assert.throws(() => assertTrusted(reasons, { workspaceTrusted: false, confirmation: record(hash) }, hash, 'p.yaml'), refusal('trust-workspace', /not trusted/));
    assert.throws(() => assertTrusted(reasons, { workspaceTrusted: true }, hash, 'p.yaml'), refusal('confirm', /never confirmed/));
    assert.throws(() => assertTrusted(reasons, { workspaceTrusted: true, confirmation: record(policyContentHash('version: 1\n# x\n')) }, hash, 'p.yaml'), refusal('confirm', /changed since you confirmed/));
    assert.doesNotThrow(() => assertTrusted(reasons, { workspaceTrusted: true, confirmation: record(hash) }, hash, 'p.yaml'));
  });

  it('stores confirmations per absolute policy path in the user config dir (0600)', () => {
    const dir = tempProject('rg-trust-').dir;
    try {
      const env = { XDG_CONFIG_HOME: dir };
      assert.equal(confirmationFor('/x/rotation-policy.yaml', env), undefined);
      confirmPolicy('/x/rotation-policy.yaml', record(hash), env);
      confirmPolicy('/y/rotation-policy.yaml', record('other'), env);
      assert.equal(confirmationFor('/x/rotation-policy.yaml', env)?.policyHash, hash);
      assert.equal(confirmationFor('/y/rotation-policy.yaml', env)?.policyHash, 'other');
      assert.equal(statSync(trustedPoliciesPath(env)).mode & 0o777, 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a confirmation an older version stored (policy hash only) no longer suffices: it asks to confirm again', () => {
    const dir = tempProject('rg-trust-').dir;
    try {
      const env = { XDG_CONFIG_HOME: dir };
      confirmPolicy('/x/rotation-policy.yaml', record(hash), env);
      const file = trustedPoliciesPath(env);
      writeFileSync(file, JSON.stringify({ '/x/rotation-policy.yaml': hash }));
      const legacy = confirmationFor('/x/rotation-policy.yaml', env);
      assert.equal(legacy?.legacy, true);
      assert.throws(() => assertTrusted(reasons, { workspaceTrusted: true, confirmation: legacy }, hash, '/x/rotation-policy.yaml', env), refusal('confirm', /older Rotation Guard that recorded the policy text only.*confirm it again/));
      assert.match(readFileSync(file, 'utf8'), /rotation-policy/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertTrusted, confirmPolicy, confirmedHashFor, policyContentHash, UntrustedPolicyError } from '../../../core/rotation/trust';

describe('rotation trust gate', () => {
  const reasons = ['the command provider runs something'];
  const hash = policyContentHash('version: 1\n');

  it('allows rotations that run nothing without any trust', () => {
    assert.doesNotThrow(() => assertTrusted([], { workspaceTrusted: false }, hash, 'p.yaml'));
  });

  it('refuses an untrusted workspace, an unconfirmed policy and a policy changed since confirmation', () => {
    assert.throws(() => assertTrusted(reasons, { workspaceTrusted: false, confirmedPolicyHash: hash }, hash, 'p.yaml'), (e: unknown) => e instanceof UntrustedPolicyError && /not trusted/.test((e as Error).message));
    assert.throws(() => assertTrusted(reasons, { workspaceTrusted: true }, hash, 'p.yaml'), /never confirmed/);
    assert.throws(() => assertTrusted(reasons, { workspaceTrusted: true, confirmedPolicyHash: policyContentHash('version: 1\n# x\n') }, hash, 'p.yaml'), /changed since you confirmed/);
    assert.doesNotThrow(() => assertTrusted(reasons, { workspaceTrusted: true, confirmedPolicyHash: hash }, hash, 'p.yaml'));
  });

  it('stores confirmations per absolute policy path in the user config dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-trust-'));
    try {
      const env = { XDG_CONFIG_HOME: dir };
      assert.equal(confirmedHashFor('/x/rotation-policy.yaml', env), undefined);
      confirmPolicy('/x/rotation-policy.yaml', hash, env);
      confirmPolicy('/y/rotation-policy.yaml', 'other', env);
      assert.equal(confirmedHashFor('/x/rotation-policy.yaml', env), hash);
      assert.equal(confirmedHashFor('/y/rotation-policy.yaml', env), 'other');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

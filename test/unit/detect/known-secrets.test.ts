import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { keyedFingerprint } from '../../../core/values/fingerprint';
import { scanText, type KnownSecrets } from '../../../core/detect/index';
import { rand } from '../../helpers/fake-keys';

describe('known-secret matching (keyed fingerprints, values never held)', () => {
  const key = randomBytes(32);
  const current = `Pw${rand(8)}`; // a custom password no pattern knows
  const retired = `old-${rand(10)}`;
  const known: KnownSecrets = {
    key,
    current: new Map([[keyedFingerprint(current, key, 'value'), { secretId: 'db-password' }]]),
    retired: new Map([[keyedFingerprint(retired, key, 'value'), { secretId: 'db-password' }]]),
  };

  it('flags the current value as exposed/known-secret with its secretId, wherever it appears', () => {
    for (const text of [`conn = connect(user="svc", pw="${current}")`, `PGPASS ${current}\n`, `x=${current};`, `say ${current} twice`]) {
      const fs = scanText(text, { path: 'a.py', knownSecrets: known });
      const f = fs.find((x) => x.ruleId === 'exposed/known-secret');
      assert.ok(f, text.replace(current, '<v>'));
      assert.equal(text.slice(f.start, f.end), current);
      assert.equal(f.secretId, 'db-password');
      assert.ok(!f.message.includes(current));
    }
  });

  it('flags a retired value as stale/revoked-key', () => {
    const fs = scanText(`token: '${retired}'\n`, { path: 'c.yaml', knownSecrets: known });
    assert.deepEqual(fs.map((f) => f.ruleId), ['stale/revoked-key']);
  });

  it('does not match with a different key (fingerprints are keyed)', () => {
    const other: KnownSecrets = { ...known, key: randomBytes(32) };
    const fs = scanText(`pw ${current}\n`, { path: 'a.txt', knownSecrets: other });
    assert.equal(fs.filter((f) => f.ruleId === 'exposed/known-secret').length, 0);
  });
});

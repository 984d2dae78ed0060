import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { publicFingerprint } from '../../../core/values';

/** The digest as it was computed before the one-shot hash: prefix and value fed separately. */
const twoPart = (value: string, domain: string) => `h1:${createHash('sha256').update(`rotation-guard/${domain}/v1\0`).update(value, 'utf8').digest('base64url').slice(0, 27)}`;

describe('publicFingerprint', () => {
  it('gives the same digest as before (baselines and SARIF fingerprints already written stay valid), for any text', () => {
    const values = ['', 'plain-ascii-value', 'sua_chave_aqui', 'clé-secrète-ü', '鍵の値', 'emoji 😀 pair', '\uD800 lone high', '\uDC00 lone low', 'ends with high \uD83D'];
    for (const domain of ['value', 'finding'])
      for (const v of values) assert.equal(publicFingerprint(v, domain), twoPart(v, domain), JSON.stringify({ v, domain }));
  });

  it('separates domains and values', () => {
    assert.notEqual(publicFingerprint('a', 'value'), publicFingerprint('a', 'finding'));
    assert.notEqual(publicFingerprint('a'), publicFingerprint('b'));
    assert.match(publicFingerprint('a'), /^h1:[A-Za-z0-9_-]{27}$/);
  });
});

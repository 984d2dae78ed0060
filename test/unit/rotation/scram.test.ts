import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { scramKeys, scramSha256Verifier } from '../../../core/rotation/providers/scram';

// RFC 7677 section 3: user "user", password "pencil". rotation-guard:allow published RFC test vector
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const AUTH_MESSAGE =
  'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
  'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
  'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';

describe('SCRAM-SHA-256 verifier (RFC 5802 / RFC 7677)', () => {
  it('reproduces the client proof and server signature of the RFC 7677 test vector', () => {
    const k = scramKeys('pencil', SALT, 4096);
    const clientSignature = createHmac('sha256', k.storedKey).update(AUTH_MESSAGE).digest();
    const proof = Buffer.from(k.clientKey.map((b, i) => b ^ clientSignature[i]!));
    assert.equal(proof.toString('base64'), 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    const serverSignature = createHmac('sha256', k.serverKey).update(AUTH_MESSAGE).digest();
    assert.equal(serverSignature.toString('base64'), '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
  });

  it("formats the verifier the way PostgreSQL stores it, and never contains the password", () => {
    const v = scramSha256Verifier('pencil', SALT, 4096);
    assert.match(v, /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    assert.ok(!v.includes('pencil'));
    assert.notEqual(scramSha256Verifier('pencil'), scramSha256Verifier('pencil'), 'a fresh random salt each time');
  });
});

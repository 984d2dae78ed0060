import { strict as assert } from 'node:assert';
import { isProbablyBinary } from '../../../core/detect/index';
import { redact } from '../../../core/filter/index';
import { fake } from '../../helpers/fake-keys';

describe('redact', () => {
  it('replaces every credential with a masked marker and keeps the rest of the text', () => {
    const k = fake.anthropic();
    const pw = fake.password();
    const text = `User: my key is ${k}\nconfig: password = "${pw}" # rotation-guard:allow test\nbye`;
    const out = redact(text);
    assert.ok(!out.includes(k) && !out.includes(pw));
    assert.match(out, /\[REDACTED:anthropic-api-key:sk-a…AA\]/);
    assert.ok(out.startsWith('User: my key is ') && out.endsWith('\nbye'));
  });

  it('returns the text unchanged when there is nothing to redact', () => {
    const t = 'Summarise the ticket in three bullet points.';
    assert.equal(redact(t), t);
  });
});

describe('isProbablyBinary', () => {
  it('detects NUL bytes and control-heavy data, not UTF-8 text', () => {
    assert.equal(isProbablyBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), true);
    assert.equal(isProbablyBinary(Buffer.from('héllo wörld\n', 'utf8')), false);
    assert.equal(isProbablyBinary(Buffer.alloc(100, 1)), true);
  });
});

import { strict as assert } from 'node:assert';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { BodyTooLargeError, readBody } from '../../../core/filter/proxy/body';
import { RedactionSession } from '../../../core/filter/index';
import { redactJsonValue } from '../../../core/filter/proxy/json';
import { fake } from '../../helpers/fake-keys';

/** A message body arriving in the given pieces, with or without a Content-Length. */
function message(pieces: Buffer[], contentLength?: number): IncomingMessage & PassThrough {
  const m = new PassThrough() as PassThrough & { headers: Record<string, string> };
  m.headers = contentLength === undefined ? {} : { 'content-length': String(contentLength) };
  for (const p of pieces) m.write(p);
  m.end();
  return m as unknown as IncomingMessage & PassThrough;
}

describe('proxy: reading a body and walking JSON without copying what is clean', () => {
  const bytes = Buffer.from(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(10240) }] }));

  it('a body that arrives as one chunk is that chunk, not a copy', async () => {
    const got = await readBody(message([bytes], bytes.length), 1 << 20);
    assert.equal(got, bytes);
  });

  it('a body in pieces, with and without a Content-Length, comes back byte for byte', async () => {
    const pieces = [bytes.subarray(0, 7), bytes.subarray(7, 5000), bytes.subarray(5000)];
    assert.deepEqual(await readBody(message(pieces, bytes.length), 1 << 20), bytes);
    assert.deepEqual(await readBody(message(pieces), 1 << 20), bytes);
  });

  it('no body is null', async () => {
    assert.equal(await readBody(message([], 0), 100), null);
    assert.equal(await readBody(message([]), 100), null);
  });

  it('a declared length over the limit is refused before a byte is read; an undeclared one once it passes the limit', async () => {
    const declared = message([bytes], bytes.length);
    await assert.rejects(readBody(declared, 1000), (e: unknown) => e instanceof BodyTooLargeError && e.limit === 1000);
    assert.equal(declared.readableLength, bytes.length, 'nothing was read');
    await assert.rejects(readBody(message([bytes.subarray(0, 600), bytes.subarray(600, 1200)]), 1000), BodyTooLargeError);
  });

  it('a clean JSON value comes back as the same object; a masked one is a copy with the key order kept', () => {
    const session = new RedactionSession();
    const clean = JSON.parse(bytes.toString()) as unknown;
    const r = redactJsonValue(clean, session);
    assert.equal(r.count, 0);
    assert.equal(r.value, clean);
    const k = fake.githubPat();
    const doc = JSON.parse(`{"a":1,"__proto__":{"x":2},"m":[{"role":"user","content":"use ${k}"},{"role":"user","content":"fine"}],"z":"last"}`) as Record<string, unknown>;
    const masked = redactJsonValue(doc, session);
    assert.equal(masked.count, 1);
    const out = masked.value as Record<string, unknown>;
    assert.notEqual(out, doc);
    assert.deepEqual(Object.keys(out), ['a', '__proto__', 'm', 'z']);
    assert.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'), 'a __proto__ key stays an own property');
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    const text = JSON.stringify(out);
    assert.ok(!text.includes(k), 'the key is masked');
    assert.match(text, /^\{"a":1,"__proto__":\{"x":2\},"m":\[\{"role":"user","content":"use \[REDACTED:[a-z-]+:1\]"\},\{"role":"user","content":"fine"\}\],"z":"last"\}$/);
    assert.equal((out.m as unknown[])[1], (doc.m as unknown[])[1], 'a clean element is shared, not copied');
  });
});

import { strict as assert } from 'node:assert';
import { FieldReader, parseRequest, sameToken } from '../../../cli/src/hook/server-wire';

// The resident hook server's framing (cli/src/hook/server-wire.ts): NUL-ended fields, bounded.
describe('hook server wire format', () => {
  it('splits fields at NUL across any chunking and hands back the bytes after the fields asked for', () => {
    const bytes = Buffer.from('tok\0v1\0/p\0rest-of-stream', 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = new FieldReader(1024, 4096);
      let rest = r.push(bytes.subarray(0, cut), 3);
      rest = rest ? Buffer.concat([rest, bytes.subarray(cut)]) : r.push(bytes.subarray(cut), 3);
      assert.deepEqual(r.fields, ['tok', 'v1', '/p'], `cut at ${cut}`);
      assert.equal(rest?.toString(), 'rest-of-stream', `cut at ${cut}`);
    }
  });

  it('refuses a field longer than its bound and a header longer than its total', () => {
    assert.throws(() => new FieldReader(8, 1024).push(Buffer.from('123456789')), /too long/);
    const r = new FieldReader(1024, 16);
    assert.throws(() => r.push(Buffer.from('aaaa\0bbbb\0cccc\0dddd\0eeee\0')), /too long/);
  });

  it('reads the header: folder, arguments, environment (NAME=VALUE, values with = and newlines), ended by an empty field', () => {
    const fields = ['v1', '/home/u/p', '2', 'hook', 'cursor', 'A=1', 'B=x=y\nz', ''];
    assert.deepEqual(parseRequest(fields), { cwd: '/home/u/p', args: ['hook', 'cursor'], env: { A: '1', B: 'x=y\nz' } });
    assert.equal(parseRequest(fields.slice(0, -1)), undefined, 'incomplete until the empty field');
    assert.throws(() => parseRequest(['v2', '/p', '0', '']), /version/);
    assert.throws(() => parseRequest(['v1', 'relative', '0', '']), /absolute/);
    assert.throws(() => parseRequest(['v1', '/p', '999', '']), /argument count/);
  });

  it('compares tokens whole', () => {
    assert.equal(sameToken('abc', 'abc'), true);
    assert.equal(sameToken('abc', 'abd'), false);
    assert.equal(sameToken('abc', 'abcd'), false);
  });
});

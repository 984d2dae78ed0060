import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { keyedFingerprint } from '../../../core/values/fingerprint';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decodeForScan, scanBytes, type KnownSecrets } from '../../../core/detect/index';
import { hasPython, pickledApiKeyHeader, pickledRequest, sqliteCache } from '../../helpers/python-containers';
import { fake, rand } from '../../helpers/fake-keys';
import { tempProject } from '../../helpers/temp-project';

const offsetsOf = (haystack: Buffer, needle: string): number[] => {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
};

const knownCurrent = (value: string, secretId = 'app-token'): KnownSecrets => {
  const key = randomBytes(32);
  return { key, current: new Map([[keyedFingerprint(value, key, 'value'), { secretId }]]), retired: new Map() };
};

const bytes = (...parts: Array<string | number[]>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('scanBytes: how a file’s bytes are scanned (text, binary container, pure binary)', () => {
  it('decodes a text file as UTF-8 and scans it with every rule; offsets and lines are the text’s', () => {
    const key = fake.anthropic();
    const file = bytes(`# café notes\nANTHROPIC_API_KEY=${key}\n`);
    const r = scanBytes(file, { path: 'notes.env' });
    assert.equal(r.kind, 'text');
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.line]), [['secret/anthropic-api-key', 2]]);
    assert.equal(r.text.slice(r.findings[0]!.start, r.findings[0]!.end), key);
  });

  it('skips a pure binary file (a PNG) with the reason binary, even when a key sits in its bytes', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], fake.openaiProject());
    assert.deepEqual(scanBytes(png, { path: 'logo.png' }), { kind: 'skipped', reason: 'binary' });
  });

  it('scans a pickle-like container’s text runs by format rules only; a finding’s start is its byte offset', () => {
    const token = rand(32, '0123456789abcdef');
    const key = fake.openaiProject();
    const pickled = bytes(
      [0x80, 0x04, 0x95, 0x1c, 0x01, 0, 0, 0, 0, 0, 0, 0x7d, 0x94],
      `Authorization: Bearer ${token}`,
      [0, 0x8c, 0x10],
      `db_password=${rand(6)}!${rand(8)}`, // a generic assignment: no format rule, so not judged here
      [0, 0, 0x94, 0xe2, 0x82, 0xac], // non-ASCII bytes keep their width: offsets stay byte offsets
      key,
      [0x2e],
    );
    const r = scanBytes(pickled, { path: 'cache/responses.pkl' });
    assert.equal(r.kind, 'binary-container');
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['secret/authorization-header', 'secret/openai-api-key']);
    const openai = r.findings[1]!;
    assert.equal(openai.start, pickled.indexOf(key));
    assert.equal(r.text.slice(openai.start, openai.end), key);
    assert.ok(r.findings[0]!.start >= pickled.indexOf('Authorization') && r.findings[0]!.end <= pickled.indexOf(token) + token.length);
    assert.ok(r.findings.every((f) => !f.message.includes(key) && !f.message.includes(token)));
  });

  it('finds a provider key in a SQLite-like cache at its byte offset past the first page', () => {
    const key = fake.groq();
    const header = bytes('SQLite format 3', [0, 0x10, 0x00, 0x01, 0x01, 0x00, 0x40, 0x20, 0x20]);
    const db = Buffer.concat([header, Buffer.alloc(4096 - header.length), bytes([0x0d, 0, 0, 0, 1, 0x0f, 0xa0, 0], `{"headers":{"authorization":"Bearer ${key}"}}`, [0, 0])]);
    const r = scanBytes(db, { path: '.cache/llm.sqlite' });
    assert.equal(r.kind, 'binary-container');
    const f = r.findings.find((x) => r.text.slice(x.start, x.end) === key);
    assert.ok(f, r.findings.map((x) => x.ruleId).join(', '));
    assert.equal(f.start, db.indexOf(key));
    assert.ok(f.start > 4096);
  });

  it('matches a known current value (a password no rule knows) inside a binary container', () => {
    const fpKey = randomBytes(32);
    const value = `Pw${rand(12)}`;
    const known: KnownSecrets = { key: fpKey, current: new Map([[keyedFingerprint(value, fpKey, 'value'), { secretId: 'db-password' }]]), retired: new Map() };
    const shelf = bytes([0x80, 0x04, 0x95, 0, 0, 0, 0, 0x8c, 0x08], 'password', [0x94, 0x8c, 0x0e], value, [0x94, 0x2e, 0]);
    const unknown = scanBytes(shelf, { path: 'state.db' });
    assert.ok(unknown.kind === 'binary-container');
    assert.equal(unknown.findings.length, 0, 'no rule flags the value by itself');
    const r = scanBytes(shelf, { path: 'state.db', knownSecrets: known });
    if (r.kind === 'skipped') return assert.fail('a shelve file is a container, not pure binary');
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.secretId, f.start]), [['exposed/known-secret', 'db-password', shelf.indexOf(value)]]);
    assert.equal(keyedFingerprint(r.text.slice(r.findings[0]!.start, r.findings[0]!.end), fpKey), keyedFingerprint(value, fpKey));
  });

  it('decodeForScan reads the same table without scanning (the editor diagnoses text its own way)', () => {
    assert.deepEqual(decodeForScan(bytes('plain text\n')), { kind: 'text', text: 'plain text\n' });
    assert.equal(decodeForScan(bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])).kind, 'skipped');
    const container = bytes('ab', [0, 0xff], 'cd');
    assert.deepEqual(decodeForScan(container), { kind: 'binary-container', text: 'ab\n\ncd', bytes: container });
  });

  describe('real containers written by Python (pickle, SQLite)', function () {
    before(function () {
      if (!hasPython()) this.skip(); // python3 is in .ci/run's packages; a machine without it cannot write these
    });

    it('a known value in a real pickle is matched where it follows its printable length byte, in every protocol', () => {
      const value = `rg_${rand(40)}`; // 43 characters: the length byte is 0x2b, a printable '+'
      for (const protocol of [2, 3, 4, 5]) {
        const pickled = pickledRequest(value, protocol);
        const r = scanBytes(pickled, { path: 'cache/requests.pkl', knownSecrets: knownCurrent(value) });
        assert.ok(r.kind === 'binary-container', `protocol ${protocol}`);
        const hits = r.findings.filter((f) => f.ruleId === 'exposed/known-secret');
        assert.deepEqual(hits.map((f) => f.start), offsetsOf(pickled, value), `protocol ${protocol}: the header's copy and the stored string`);
        assert.equal(hits.length, 2);
        assert.ok(hits.every((f) => f.secretId === 'app-token' && r.text.slice(f.start, f.end) === value));
      }
    });

    it('a provider key stored alone in a real pickle is found by its format rule in every protocol (its length byte and memo opcode are not glued to it)', () => {
      const key = fake.anthropic(); // 108 characters: the length byte is 0x6c, a printable 'l'
      for (const protocol of [2, 3, 4, 5]) {
        const pickled = pickledApiKeyHeader(key, protocol);
        const r = scanBytes(pickled, { path: 'cache/anthropic.pkl' });
        assert.ok(r.kind === 'binary-container', `protocol ${protocol}`);
        const hits = r.findings.filter((f) => f.ruleId === 'secret/anthropic-api-key');
        assert.deepEqual(hits.map((f) => [f.start, r.text.slice(f.start, f.end)]), [[pickled.indexOf(key), key]], `protocol ${protocol}`);
      }
    });

    it('a provider key in a real SQLite cache of requests is found at its byte offset; a known value there too', () => {
      const dir = tempProject('rg-scan-bytes-').dir;
      try {
        const key = fake.openaiProject();
        sqliteCache(join(dir, 'cache.sqlite'), key);
        const db = readFileSync(join(dir, 'cache.sqlite'));
        const r = scanBytes(db, { path: 'cache.sqlite' });
        assert.ok(r.kind === 'binary-container');
        // The header rule or the OpenAI rule: the two cover the same span, and one finding is kept.
        assert.deepEqual(r.findings.filter((f) => r.text.slice(f.start, f.end) === key).map((f) => f.start), offsetsOf(db, key));
        const known = scanBytes(db, { path: 'cache.sqlite', knownSecrets: knownCurrent(key) });
        assert.ok(known.kind === 'binary-container');
        assert.deepEqual(known.findings.filter((f) => f.ruleId === 'exposed/known-secret').map((f) => f.start), offsetsOf(db, key));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

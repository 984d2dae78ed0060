import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzePolicy, policyCompletions, policyHover } from '../../../core/policy';
import { fmt, stripMarkers } from './markers';

const now = new Date('2026-11-20T00:00:00Z');
const example = readFileSync(join(__dirname, '../../../../test/fixtures/policy/valid/rotation-policy.yaml'), 'utf8');

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function analyze(text: string, path = '/ws/rotation-policy.yaml') {
  return analyzePolicy(text, { path, now });
}

describe('hostile and malformed policy files', () => {
  it('refuses a YAML billion-laughs alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { value, ms } = timed(() => analyze(`${levels.join('\n')}\n`));
    assert.ok(ms < 2000, `took ${ms} ms`);
    const p = value.problems.find((x) => x.code === 'policy/input-limit');
    assert.ok(p, 'reports the alias bomb');
    assert.match(p.message, /alias/);
    assert.equal(value.policy, undefined);
  });

  it('refuses a 10 MB file with a clear message', () => {
    const big = `version: 1\n# ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const { value, ms } = timed(() => analyze(big));
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.equal(value.problems.length, 1);
    assert.equal(value.problems[0]!.code, 'policy/input-limit');
    assert.match(value.problems[0]!.message, /too large \(10\.0 MiB; the limit is 2 MiB\)/);
    assert.equal(policyHover(big, '/ws/rotation-policy.yaml', 3), null);
    assert.deepEqual(policyCompletions(big, '/ws/rotation-policy.yaml', 3), []);
  });

  it('refuses deep flow nesting in YAML and JSON without overflowing the stack', () => {
    for (const [text, path] of [
      [`a: ${'['.repeat(100_000)}`, '/ws/rotation-policy.yaml'],
      [`{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, '/ws/rotation-policy.json'],
    ] as const) {
      const r = analyze(text, path);
      assert.equal(r.problems[0]?.code, 'policy/input-limit', path);
      assert.match(r.problems[0]!.message, /nests deeper than 64 levels/);
    }
  });

  it('refuses deep block nesting', () => {
    let text = '';
    for (let i = 0; i < 3000; i++) text += `${' '.repeat(i)}k${i}:\n`;
    const r = analyze(text);
    assert.equal(r.problems[0]?.code, 'policy/input-limit');
  });

  it('ignores a byte-order mark: same problems at the same positions', () => {
    const { text, ranges } = stripMarkers('version: 1\nstores: {}\nsecrets:\n  - id: a\n    kind: ⟦nope⟧\n    owner: machine\n    maxAge: 30d\n    stores: [x]\n');
    const r = analyze(`\ufeff${text}`).problems.filter((p) => p.code === 'policy/schema');
    assert.deepEqual(r.map((p) => fmt(p.range)), ranges.map(fmt));
  });

  it('reads CRLF files with the same ranges as LF files, never covering the CR', () => {
    const { text, ranges } = stripMarkers('version: 1\nstores: {}\nsecrets:\n  - id: a\n    kind: ⟦nope⟧\n    owner: machine\n    maxAge: 30d\n    stores: [x]\n');
    const crlf = text.replace(/\n/g, '\r\n');
    const got = analyze(crlf).problems.filter((p) => p.code === 'policy/schema');
    assert.deepEqual(got.map((p) => fmt(p.range)), ranges.map(fmt));
    const lf = analyze(example).problems.map((p) => `${p.code} ${fmt(p.range)}`);
    const cr = analyze(example.replace(/\n/g, '\r\n')).problems.map((p) => `${p.code} ${fmt(p.range)}`);
    assert.deepEqual(cr, lf);
  });

  it('reports tab indentation at the tab', () => {
    const { text, ranges } = stripMarkers('version: 1\nstores:\n⟦\t⟧kc: {type: keychain, service: x}\nsecrets: []\n');
    const r = analyze(text).problems.filter((p) => p.code === 'policy/yaml-syntax');
    assert.ok(r.length >= 1);
    assert.equal(fmt(r[0]!.range), fmt(ranges[0]!));
    assert.match(r[0]!.message, /[Tt]ab/);
  });

  it('reports duplicate keys at the second key, in YAML and in JSON', () => {
    const y = stripMarkers('version: 1\nstores: {}\n⟦stores⟧: {}\nsecrets: []\n');
    assert.deepEqual(analyze(y.text).problems.filter((p) => p.code === 'policy/duplicate-key').map((p) => fmt(p.range)), y.ranges.map(fmt));
    const j = stripMarkers('{"version": 1, "stores": {}, "secrets": [], ⟦"version"⟧: 1}');
    const jr = analyze(j.text, '/ws/rotation-policy.json');
    assert.deepEqual(jr.problems.filter((p) => p.code === 'policy/duplicate-key').map((p) => fmt(p.range)), j.ranges.map(fmt));
    assert.equal(jr.policy, undefined, 'a JSON policy with duplicate keys is not used');
  });

  it('handles empty, non-object, multi-document and binary input', () => {
    for (const text of ['', '---\n', '42\n', '- a\n- b\n', 'version: 1\n---\nversion: 1\n', '\u0000\u0001\u0002\uffff', '{"x": ', 'null']) {
      for (const path of ['/ws/rotation-policy.yaml', '/ws/rotation-policy.json']) {
        const r = analyze(text, path);
        assert.ok(r.problems.length > 0, `no problem for ${JSON.stringify(text)} as ${path}`);
        assert.ok(r.problems.every((p) => p.severity === 'error' && p.range.start.line >= 0));
      }
    }
  });

  it('never throws on arbitrary text or mutated policies (property)', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.nat(example.length), fc.string({ maxLength: 20 }), (junk, at, insert) => {
        for (const text of [junk, example.slice(0, at) + insert + example.slice(at)]) {
          const r = analyze(text);
          assert.ok(Array.isArray(r.problems));
          analyze(text, '/ws/rotation-policy.json');
          policyHover(text, '/ws/rotation-policy.yaml', Math.min(at, text.length));
          policyCompletions(text, '/ws/rotation-policy.yaml', Math.min(at, text.length));
        }
      }),
      { numRuns: 100 },
    );
  });
});

import { strict as assert } from 'node:assert';
import { findSecrets, RedactionSession, redact as redact2, redactText, sniffPath } from '../../../core/filter/index';
import { fake } from '../../helpers/fake-keys';

const redact = (t: string) => redactText(t, new RedactionSession()).text;
const hex = (s: string) => Buffer.from(s).toString('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const qp = (s: string) => s.replace(/[=\s]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const uEsc = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('filter engine: what hides a key from a pattern', () => {
  const gh = fake.githubPat();
  const oa = fake.openaiProject();
  const an = fake.anthropic();
  const cases: Array<[string, string, string]> = [
    ['url-encoded assignment', `https://x.test/cb?api_key%3D${gh}&x=1`, gh],
    ['url-encoded bearer', `Authorization:%20Bearer%20${oa}`, oa],
    ['glued to a word', `x${gh}`, gh],
    ['glued to digits', `token123${gh} trailing`, gh],
    ['base64', `blob: ${b64(`key=${an}`)}`, an],
    ['hex', `dump ${hex(`Bearer ${gh}`)}`, gh],
    ['quoted-printable with soft breaks', `Content: ${qp(`key = ${oa}`).replace(/(.{60})/g, '$1=\n')}`, oa],
    ['\\u escapes in prose', `the key is ${uEsc(gh)} ok`, gh],
    ['zero-width space inside', `k ${gh.slice(0, 10)}\u200b${gh.slice(10)} z`, gh],
    ['NUL inside', `k ${gh.slice(0, 7)}\u0000${gh.slice(7)} z`, gh],
    ['soft hyphen inside', `k ${an.slice(0, 30)}\u00ad${an.slice(30)} z`, an],
    ['wrapped across lines', `key:\n${oa.slice(0, 64)}\n${oa.slice(64)}\nnext line`, oa],
  ];
  for (const [name, text, key] of cases) {
    it(`masks a key ${name}`, () => {
      const out = redact(text);
      assert.ok(!out.includes(key.slice(4, 16)), `${name}: part of the key is still visible`);
      assert.match(out, /\[REDACTED:[a-z-]+:1\]/);
    });
  }

  it('keeps a key whole when a provider prefix turns up inside its drawn body (about one OpenAI key in 10,000 holds one)', () => {
    // A CI run failed once on such a draw: behind quoted-printable escapes only the view reads the
    // key, and a boundary put before `AKIA` inside it cut it in two. Here the prefix is put at
    // several places of the body on purpose, in the forms only the view reads.
    const hidden: Array<[string, (k: string) => string]> = [
      ['quoted-printable with soft breaks', (k) => `Content: ${qp(`key = ${k}`).replace(/(.{60})/g, '$1=\n')}`],
      ['a zero-width space inside', (k) => `k ${k.slice(0, 12)}\u200b${k.slice(12)} z`],
      ['url-encoded after a glued word', (k) => `q=api_key%3D${k}&x=1`],
    ];
    let checked = 0;
    for (const inner of ['AKIA', 'vcr_', 'ghp_', 'xoxb-', 'secret_']) {
      for (const at of [1, 9, 30, 70, 100, 150]) {
        const base = fake.openaiProject();
        const key = base.slice(0, 8 + at) + inner + base.slice(8 + at + inner.length);
        for (const [how, write] of hidden) {
          const out = redact(write(key));
          assert.ok(!out.includes(key.slice(4, 16)) && !out.includes(key.slice(-12)), `${inner} at body offset ${at}, ${how}: part of the key is still visible`);
          assert.match(out, /\[REDACTED:openai-api-key:1\]/, `${inner} at ${at}, ${how}`);
          checked++;
        }
      }
    }
    assert.equal(checked, 90);
  });

  it('still cuts a prefix glued right after another (a word, not a key): `my_secret_ghp_…`', () => {
    const out = redact(`value: my_secret_${gh} end`);
    assert.ok(!out.includes(gh.slice(4, 16)), 'the GitHub token is visible');
    assert.match(out, /REDACTED:github/);
  });

  it('keeps the text around a key byte for byte and the placeholder stable per session', () => {
    // Rule ids come from core/detect; the test pins the placeholder's shape and numbering.
    const rule = (k: string) => findSecrets(k)[0]!.ruleId.replace(/^[a-z]+\//, '');
    const [g, o] = [rule(gh), rule(oa)];
    const s = new RedactionSession();
    const t = `first ${gh} then ${oa} and ${gh} again`;
    const out = redactText(t, s).text;
    assert.equal(out, `first [REDACTED:${g}:1] then [REDACTED:${o}:1] and [REDACTED:${g}:1] again`);
    assert.equal(redactText(`later ${b64(`x=${gh}`)}`, s).text, `later [REDACTED:${g}:1]`);
    const other = fake.githubPat();
    assert.equal(redactText(other, s).text, `[REDACTED:${g}:2]`);
  });

  it('does not swallow the next line when a key is whole on its own line', () => {
    assert.equal(redact(`${oa}\nprint(x)`), '[REDACTED:openai-api-key:1]\nprint(x)');
  });

  it('reports the decoded value, not the escaped text', () => {
    const [s] = findSecrets(`a%3D${gh}`);
    assert.equal(s?.value, gh);
    assert.equal(s?.via, 'view');
  });

  it('reads a nameless text as code when it looks like code, so a type annotation is not a value', () => {
    const code = 'export function f(policy: Policy, secret: PolicySecret): string[] {\n  return [];\n}\n';
    assert.equal(sniffPath(code), 'snippet.ts');
    assert.equal(sniffPath('Please summarise the meeting notes.'), 'stdin.txt');
    assert.equal(redact(code), code);
    assert.notEqual(redact(`const token = "${gh}";\nexport {};`), `const token = "${gh}";\nexport {};`);
  });
});

describe('redact() — the filter engine with masked previews, no session', () => {
  it('finds what only the filter engine finds: a key glued to a word and a key behind %XX escapes', () => {
    const gh = fake.githubPat();
    const out = redact2(`token=x${gh} and q=api_key%3D${encodeURIComponent(gh)}`);
    assert.ok(!out.includes(gh), out);
    assert.equal(out.match(/\[REDACTED:[a-z-]+:x?ghp…..\]|\[REDACTED:[a-z-]+:ghp_…..\]/g)?.length, 2, out);
  });

  it('takes a replacement of the caller', () => {
    const k = fake.anthropic();
    assert.equal(redact2(`key ${k} end`, { replacement: (rule) => `<${rule}>` }), 'key <secret/anthropic-api-key> end');
  });
});

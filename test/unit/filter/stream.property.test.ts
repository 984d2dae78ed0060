import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { RedactionSession, redactText, sniffPath, StreamRedactor } from '../../../core/filter/index';
import { fake } from '../../helpers/fake-keys';

/** Feeds `text` cut at `cuts` and returns what the stream let out, chunk by chunk. */
function streamed(text: string, cuts: number[], path?: string): string[] {
  const r = new StreamRedactor(new RedactionSession(path ? { path } : {}));
  const out: string[] = [];
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    out.push(r.push(text.slice(at, c)));
    at = c;
  }
  out.push(r.push(text.slice(at)), r.end());
  return out;
}

/** No run of 8 characters of the key (a prefix, the middle, the end) in what was emitted. */
function leaked(emitted: string, key: string): string | undefined {
  for (let i = 0; i + 8 <= key.length; i++) if (emitted.includes(key.slice(i, i + 8))) return `chars ${i}..${i + 8}`;
  return undefined;
}

const makers = [fake.openaiProject, fake.anthropic, fake.githubPat, fake.slackBot, fake.awsKeyId, fake.groq, fake.stripe, fake.gitlab];
const shapes: Array<[string, (k: string) => string]> = [
  ['in prose', (k) => `Here is the key ${k} for you.`],
  ['at the end of the stream', (k) => `export OPENAI_API_KEY=${k}`],
  ['in a JSON string', (k) => `{"api_key":"${k}","n":1}`],
  ['glued to a word', (k) => `prefix${k} suffix`],
  ['url-encoded', (k) => `GET /cb?token%3D${k}%26x HTTP/1.1`],
  ['wrapped across lines', (k) => `key:\n${k.slice(0, Math.ceil(k.length / 2))}\n${k.slice(Math.ceil(k.length / 2))}\ndone`],
];

describe('StreamRedactor: a key split at every chunk boundary', function () {
  this.timeout(300000);
  for (const make of makers) {
    for (const [name, wrap] of shapes) {
      const key = make();
      it(`never emits part of a ${key.slice(0, 4)}… key ${name}, at any of its split points (one and two cuts)`, () => {
        const text = wrap(key);
        const whole = redactText(text, new RedactionSession()).text;
        assert.ok(!leaked(whole, key), 'the key is found in the whole text');
        const from = Math.max(0, text.indexOf(key.slice(0, 4)) - 2);
        const to = Math.min(text.length, from + text.length);
        for (let c = from; c <= to; c++) {
          const out = streamed(text, [c]);
          const joined = out.join('');
          assert.equal(leaked(joined, key), undefined, `cut at ${c}`);
          assert.equal(joined, whole, `cut at ${c}: the stream's output differs from the whole text's`);
        }
        // Two cuts, a sample of pairs: a key in three pieces.
        fc.assert(fc.property(fc.integer({ min: 0, max: text.length }), fc.integer({ min: 0, max: text.length }), (a, b) => {
          assert.equal(streamed(text, [a, b]).join(''), whole);
        }), { numRuns: 60 });
      });
    }
  }

  it('emits each chunk of one character at a time without leaking (SSE token by token)', () => {
    const key = fake.openaiProject();
    const text = `Sure! Your key is ${key}. Keep it safe.`;
    const cuts = Array.from({ length: text.length }, (_, i) => i);
    const out = streamed(text, cuts).join('');
    assert.equal(leaked(out, key), undefined);
    assert.match(out, /^Sure! Your key is \[REDACTED:[a-z-]+:1\]\. Keep it safe\.$/);
  });

  it('lets prose through at once: only the last word waits', () => {
    const r = new StreamRedactor(new RedactionSession());
    assert.equal(r.push('Hello there, how '), 'Hello there, how ');
    assert.equal(r.push('are yo'), 'are ');
    assert.equal(r.held, 2);
    assert.equal(r.push('u?') + r.end(), 'you?');
  });
});

// Ordinary text from this repository's docs and sources: nothing to mask, nothing changed.
function corpus(): string[] {
  const root = process.cwd();
  const out: string[] = [];
  for (const dir of ['docs', 'core/policy', 'core/rotation']) {
    for (const f of readdirSync(join(root, dir), { recursive: true }) as string[]) {
      if (/\.(md|ts)$/.test(f)) out.push(readFileSync(join(root, dir, f), 'utf8').slice(0, 20000));
    }
  }
  return out;
}

describe('filter engine on ordinary text (fast-check)', function () {
  this.timeout(300000);
  const docs = corpus();
  it('returns arbitrary text without credentials unchanged, whole and streamed', () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom(...docs).chain((d) => fc.nat(d.length).map((i) => d.slice(i, i + 2000))));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), (t, cuts) => {
        // One format for the whole and the pieces (how a text without a name is read is sniffPath's test).
        const path = sniffPath(t);
        const whole = redactText(t, new RedactionSession({ path }));
        if (whole.spans.length) return; // fast-check found a key shape: not ordinary text
        assert.equal(whole.text, t);
        assert.equal(streamed(t, cuts.map((c) => c % (t.length + 1)), path).join(''), t);
      }),
      { numRuns: 300 },
    );
  });
});

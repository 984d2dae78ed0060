import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RedactionSession } from '../../../core/filter/index';
import { redactJsonText, redactJsonValue } from '../../../core/filter/proxy/json';
import { eachJsonString } from '../../../core/filter/proxy/raw-json';
import { fake } from '../../helpers/fake-keys';

/**
 * The proxy scans a JSON body's strings where they stand in the text (eachJsonString) instead of
 * parsing the body, walking it and serialising it again. These properties hold the raw path to the
 * parse path it replaced: the same texts are JSON, the same strings are scanned, and the same body
 * comes out.
 */

/** The path the proxy took before: JSON.parse, redactJsonValue, JSON.stringify when something was masked. */
function byParse(text: string, session: RedactionSession): { text: string; count: number } {
  const r = redactJsonValue(JSON.parse(text) as unknown, session);
  return r.count ? { text: JSON.stringify(r.value), count: r.count } : { text, count: 0 };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every string value (not member names) of a parsed JSON value. */
function stringValues(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringValues(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringValues(x, out);
  return out;
}

/** JSON with whitespace where the grammar allows it (the formatting a client may choose). */
const spaced = (v: unknown, pick: number) => JSON.stringify(v, null, ['', 2, '\t', ' \r\n '][pick % 4]);

/** Characters a mutation inserts: structure, escapes, quotes, controls, digits, letters. */
const MUTATION = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', 'u00', '\\a', '\\x41', '\\U0041', '\\u12', '\\/', '\\"', '\u0000', '\u001f', '\n', '\t', '0', '-', '.', 'e', '+', 'a', 'true', 'null', ' ', '\u2028', '\ud800'];

const makers = [fake.openaiProject, fake.anthropic, fake.githubPat, fake.slackBot, fake.awsKeyId, fake.stripe, fake.google];

/** A key written into a JSON string in the ways a client or an attacker can write it. */
const keyInString: Array<[string, (k: string) => string]> = [
  ['plain in prose', (k) => `Please use ${k} for the call.`],
  ['after a newline and a quote', (k) => `config:\n  "api_key": "${k}"\n`],
  ['with \\u escapes in the prose', (k) => `token \\u0073${k.slice(1)} here`],
  ['in a URL', (k) => `https://user:${k}@example.com/v1`],
  ['as tool arguments (JSON in a string)', (k) => JSON.stringify({ query: 'weather', auth: k })],
];

/**
 * A request body in the shape the model clients send: OpenAI Chat Completions (system, user,
 * assistant tool calls, tool results) or Anthropic Messages (tool_use input, tool_result).
 */
function body(kind: number, texts: string[]): unknown {
  const [a = '', b = '', c = '', d = ''] = texts;
  if (kind % 2 === 0) {
    return {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: a },
        { role: 'user', content: b },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: c } }] },
        { role: 'tool', tool_call_id: 'call_1', content: d },
      ],
      temperature: 0.2,
      stream: false,
    };
  }
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: a,
    messages: [
      { role: 'user', content: [{ type: 'text', text: b }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'lookup', input: { q: c, n: 3, nested: [{ deep: d }] } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: d }] },
    ],
  };
}

/** Some characters of `s`, where it stands in a JSON text, written as \uXXXX or `\/` (the same JSON). */
function escapeSome(jsonText: string, s: string, every: number): string {
  if (!s) return jsonText;
  const lit = JSON.stringify(s).slice(1, -1);
  let esc = '';
  for (let i = 0; i < lit.length; i++) {
    const ch = lit[i]!;
    if (ch === '\\') {
      esc += lit.slice(i, i + 2);
      i++;
    } else if (ch === '/') esc += '\\/';
    else esc += i % every === 0 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
  }
  return jsonText.split(lit).join(esc);
}

describe('proxy: the raw JSON path against the parse path it replaced (property)', function () {
  this.timeout(300000);

  it('accepts exactly the texts JSON.parse accepts (generated JSON, spaced, and mutated at random offsets)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(3), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...MUTATION), fc.boolean()), { maxLength: 3 }), (v, pick, edits) => {
        let t = spaced(v, pick);
        assert.equal(eachJsonString(t, () => {}), true, t);
        for (const [at, s, del] of edits) {
          const i = t.length ? at % (t.length + 1) : 0;
          t = del ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + s + t.slice(i);
        }
        assert.equal(eachJsonString(t, () => {}), parses(t), JSON.stringify(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('decides the edge cases of the grammar as JSON.parse does', () => {
    const cases = ['', ' ', '1', '-0', '01', '1.', '.5', '1e5', '1E+5', '1e', '-', '+1', 'tru', 'truex', 'nul', '"\\a"', '"\\u00e9"', '"\\u00G0"', '"\\U0041"', '"a\tb"', '"a\u2028b"', '"\ud800"', '[1,]', '[,1]', '{"a":1,}', '{"a" 1}', '{1:2}', '{"a":1}}', '[[[]]]', '[1 2]', '"x" ', ' \r\n\t{}\n', '\ufeff{}', '{"a":"b"', '"unterminated', '{"a\u001fb":1}', '{"a\nb":1}', '{"a\\nb":1}', '{"\\q":1}'];
    for (const t of cases) assert.equal(eachJsonString(t, () => {}), parses(t), JSON.stringify(t));
  });

  it('visits each string value once (member names go to their own visitor), decoded to what JSON.parse gives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(3), (v, pick) => {
        const t = spaced(v, pick);
        const values: string[] = [];
        eachJsonString(t, (start, end, value) => {
          assert.equal(value, JSON.parse(t.slice(start, end)));
          values.push(value);
        });
        assert.deepEqual(values.sort(), stringValues(JSON.parse(t) as unknown).sort());
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the parse path\'s body on request bodies: keys in strings, escaped in the JSON or in the prose, in tool arguments, and none', () => {
    const key = fc.constantFrom(...makers.map((m) => m()));
    const prose = fc.string({ maxLength: 80 });
    const text = fc.oneof(prose, fc.tuple(fc.nat(keyInString.length - 1), key, prose).map(([w, k, p]) => `${p}${keyInString[w]![1](k)}`));
    fc.assert(
      fc.property(fc.nat(1), fc.array(text, { minLength: 4, maxLength: 4 }), fc.nat(3), fc.integer({ min: 1, max: 5 }), (kind, texts, pick, every) => {
        const v = body(kind, texts);
        const compact = JSON.stringify(v);
        const fast = redactJsonText(compact, new RedactionSession());
        const full = byParse(compact, new RedactionSession());
        // The clients send compact JSON: there the raw path gives the very same bytes.
        assert.equal(fast.text, full.text);
        assert.equal(fast.count, full.count);
        const escaped = escapeSome(compact, texts.find((x) => x) ?? '', every);
        // (An escape written where a number or a name stood outside a string is no JSON: left out.)
        for (const t of [spaced(v, pick), ...(parses(escaped) ? [escaped] : [])]) {
          const f = redactJsonText(t, new RedactionSession());
          const p = byParse(t, new RedactionSession());
          assert.equal(f.count, p.count);
          // Other formatting: the same JSON value; nothing masked is the body byte for byte.
          assert.deepEqual(JSON.parse(f.text), JSON.parse(p.text));
          if (!f.count) assert.equal(f.text, t);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every byte outside a masked string, and masks a value JSON.parse would drop (a duplicate member)', () => {
    const k = fake.githubPat();
    const t = `{ "a" : [1, 2.5e3, true, null],\n  "b": "use ${k} now", "c": "\\u0041",\n "b": "fine" }`;
    const r = redactJsonText(t, new RedactionSession());
    assert.equal(r.count, 1);
    assert.ok(!r.text.includes(k));
    assert.match(r.text, /^\{ "a" : \[1, 2\.5e3, true, null\],\n {2}"b": "use \[REDACTED:github-token:1\] now", "c": "\\u0041",\n "b": "fine" \}$/);
    assert.equal(byParse(t, new RedactionSession()).count, 0, 'the parse path never saw the first "b"');
  });

  it('masks a credential held in a member name (a tool result keyed by a token), in both paths; API names pass untouched', () => {
    const k = fake.githubPat();
    const t = `{"role":"tool","content":{"headers":{"Authorization: token ${k}":"ok"},"tool_call_id":"call_1"}}`;
    const raw = redactJsonText(t, new RedactionSession());
    const parsed = byParse(t, new RedactionSession());
    for (const r of [raw, parsed]) {
      assert.equal(r.count, 1);
      assert.ok(!r.text.includes(k));
      assert.deepEqual(Object.keys((JSON.parse(r.text) as { content: { headers: object } }).content.headers), ['Authorization: token [REDACTED:authorization-header:1]']);
    }
    assert.equal(raw.text, parsed.text);
    // Short identifier names are never scanned, so a clean body stays byte for byte.
    const clean = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"max_tokens":5}';
    assert.equal(redactJsonText(clean, new RedactionSession()).text, clean);
  });

  it('redacts a body that is not JSON as text, as before', () => {
    const k = fake.githubPat();
    const t = `{"a": ${k}}`;
    const r = redactJsonText(t, new RedactionSession());
    assert.equal(r.count, 1);
    assert.equal(r.text, '{"a": [REDACTED:github-token:1]}');
  });
});

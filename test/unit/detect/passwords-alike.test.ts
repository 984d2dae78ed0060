import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DEFAULT_MIN_CONFIDENCE } from '../../../core/detect/index';
import { judgePassword } from '../../../core/detect/judge/weak-defaults';
import { found } from '../../helpers/detect-kit';

// Issue #21 item 3: "The URL, env and YAML forms are judged alike" — and the curl and Basic-header
// forms with them. One password, written in the five forms a deployment writes it in, gets one
// verdict: not reported (a placeholder), a weak credential, or a credential. Every value is built
// here at test time: words of the seven languages, placeholders, vendor defaults, random strings.
const WEAK = 'weak/default-credential';
const USER = 'svc';

/** The five forms, in files that run (a compose file, an env file, a deploy script, a chart's values). */
const FORMS: Array<[form: string, write: (p: string) => string, path: string]> = [
  ['env', (p) => `DB_PASSWORD=${p}\n`, '.env'],
  ['yaml', (p) => `services:\n  db:\n    environment:\n      DB_PASSWORD: "${p}"\n`, 'docker-compose.yml'],
  ['url', (p) => `DATABASE_URL=postgres://${USER}:${p}@db.internal:5432/app\n`, '.env'],
  ['curl', (p) => `#!/bin/sh\ncurl -u ${USER}:${p} https://api.internal/v1/items\n`, 'deploy/push.sh'],
  ['basic', (p) => `ingress:\n  headers:\n    Authorization: Basic ${Buffer.from(`${USER}:${p}`).toString('base64')}\n`, 'deploy/values.yaml'],
];

type Verdict = 'none' | 'weak' | 'credential';

/** The verdict of every finding in the text, at any confidence, and whether it is shown at the default. */
function verdictOf(text: string, path: string): { verdict: Verdict; shown: boolean } {
  const fs = found(text, path);
  if (!fs.length) return { verdict: 'none', shown: false };
  return { verdict: fs.some((f) => f.ruleId === WEAK) ? 'weak' : 'credential', shown: fs.some((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE) };
}

const WORDS = [
  'sunshine', 'dragon', 'butterfly', 'schmetterling', 'papillon', 'mariposa', 'farfalla', 'borboleta', 'vlinder',
  'purple', 'monkey', 'dishwasher', 'fortress', 'strong', 'sicher', 'segura', 'sicura', 'forte', 'sterk', 'super',
];
const NOUNS = ['password', 'passwort', 'kennwort', 'motdepasse', 'contrasena', 'senha', 'wachtwoord', 'secret', 'chiave', 'clave'];
const POSSESSIVES = ['your', 'sua', 'seu', 'votre', 'ihr', 'tu', 'su', 'tua', 'uw', 'my'];
const MARKERS = ['example', 'beispiel', 'exemple', 'ejemplo', 'esempio', 'exemplo', 'voorbeeld', 'here', 'aqui', 'ici', 'hier'];
const DEFAULTS = ['postgres', 'neo4j', 'minioadmin', 'changeit', 'admin123', 'letmein', 'mysecretpassword'];
const SEPARATORS = ['', '-', '_', '.'];
const DUMMY_NOUNS = ['secret', 'key', 'token', 'password', 'passwd', 'pass', 'api'];
const DUMMY_MARKERS = ['test', 'fake', 'mock', 'dummy', 'sample', 'demo', 'invalid'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const word = fc.constantFrom(...WORDS);
const joined = (parts: fc.Arbitrary<string[]>) => fc.tuple(parts, fc.constantFrom(...SEPARATORS)).map(([ps, sep]) => ps.join(sep));
const camel = (parts: string[]) => parts.map((p, i) => (i ? p[0]!.toUpperCase() + p.slice(1) : p)).join('');

/** Passwords of every kind the judgement tells apart. */
const PASSWORD = fc.oneof(
  joined(fc.array(word, { minLength: 1, maxLength: 3 })), // chosen words
  fc.tuple(word, fc.integer({ min: 0, max: 9999 })).map(([w, n]) => `${w}${n}`), // a word and a number
  joined(fc.tuple(fc.constantFrom(...NOUNS), word).map(([n, w]) => [w, n])), // strong-password, fortesenha
  fc.array(word, { minLength: 2, maxLength: 3 }).map(camel),
  joined(fc.tuple(fc.constantFrom(...POSSESSIVES), fc.constantFrom(...NOUNS)).map((t) => [...t])), // sua_senha, votre-motdepasse
  joined(fc.tuple(fc.constantFrom(...NOUNS), fc.constantFrom(...MARKERS)).map((t) => [...t])), // senha_aqui, password.example
  fc.tuple(fc.constantFrom(...POSSESSIVES), fc.constantFrom(...NOUNS)).map(([p, n]) => camel([p, n])), // ihrPasswort
  fc.constantFrom(...NOUNS, ...DEFAULTS),
  fc.array(fc.constantFrom(...ALNUM.split('')), { minLength: 12, maxLength: 28 }).map((a) => a.join('')), // generated
  fc.array(fc.constantFrom(...`${ALNUM}-_`.split('')), { minLength: 6, maxLength: 20 }).map((a) => a.join('')), // typed or generated, short
  // Dummies as tests and docs write them: credential nouns and a number (`secretKey456`, `token_123`),
  // a marker and a noun with or without a count (`test-password`, `fake_secret1`, `mockToken42`).
  fc.tuple(fc.array(fc.constantFrom(...DUMMY_NOUNS), { minLength: 1, maxLength: 2 }), fc.constantFrom(...SEPARATORS), fc.integer({ min: 0, max: 99999 })).map(([ns, sep, n]) => `${camel(ns)}${sep}${n}`),
  fc.tuple(fc.constantFrom(...DUMMY_MARKERS), fc.constantFrom(...DUMMY_NOUNS), fc.constantFrom(...SEPARATORS), fc.constantFrom('', '1', '42', '123')).map(([m, n, sep, d]) => `${m}${sep}${n}${d}`),
  fc.tuple(fc.constantFrom(...DUMMY_MARKERS), fc.constantFrom(...DUMMY_NOUNS)).map(([m, n]) => camel([m, n])),
);

describe('one password, one verdict in every form (URL, curl, Basic header, env, YAML)', function () {
  this.timeout(120000);

  it('the five forms agree where they run, and agree with judgePassword (fast-check)', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(PASSWORD, (p) => {
        const verdicts = FORMS.map(([form, write, path]) => [form, verdictOf(write(p), path)] as const);
        const first = verdicts[0]![1];
        for (const [form, v] of verdicts) assert.deepEqual(v, first, `${p}: ${form} ${JSON.stringify(v)} but env ${JSON.stringify(first)}`);
        const judged = judgePassword(p, USER);
        // A value judgePassword passes is judged further by its form (length, shape), so only
        // its placeholders and weak ones are fixed here.
        if (judged === 'placeholder') assert.equal(first.verdict, 'none', p);
        if (judged === 'weak') assert.deepEqual(first, { verdict: 'weak', shown: true }, p);
        seen.set(first.verdict, (seen.get(first.verdict) ?? 0) + 1);
      }),
      { numRuns: 400, seed: 21 },
    );
    for (const v of ['none', 'weak', 'credential']) assert.ok((seen.get(v) ?? 0) >= 10, `${v} seen ${seen.get(v) ?? 0} times: the generator covers every verdict`);
  });

  it('in docs the same forms agree too, and nothing but a generated-looking value is shown', () => {
    fc.assert(
      fc.property(PASSWORD, (p) => {
        const verdicts = FORMS.map(([form, write]) => [form, verdictOf(`Set it up:\n\n\`\`\`bash\n${write(p)}\`\`\`\n`, 'docs/deploy.md')] as const);
        const first = verdicts[0]![1];
        for (const [form, v] of verdicts) assert.equal(v.verdict, first.verdict, `${p}: ${form} ${v.verdict} but env ${first.verdict}`);
        if (first.verdict !== 'credential') assert.equal(first.shown, false, `${p} shown in docs`);
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it('a weak password says why: a vendor default is well known, dictionary words are guessable', () => {
    for (const [p, why] of [['postgres', /a well-known default/i], ['sunshine', /a guessable password .*dictionary words/i], ['mariposa2024', /guessable/i]] as const) {
      for (const [form, write, path] of FORMS) {
        const fs = found(write(p), path);
        assert.deepEqual(fs.map((f) => f.ruleId), [WEAK], `${p} in the ${form} form`);
        assert.match(fs[0]!.message, why, `${p} in the ${form} form`);
        assert.match(fs[0]!.message, /change it where this runs/);
        assert.ok(!fs[0]!.message.includes(p), 'the message masks the value');
      }
    }
  });

  it('credential nouns and a number (`secretKey456`) get one verdict in every form: reported where it runs, below the threshold in docs', () => {
    for (const p of ['secretKey456', 'token123', 'apiKey_2024', 'secret-key-9']) {
      const where = FORMS.map(([form, write, path]) => [form, verdictOf(write(p), path)] as const);
      for (const [form, v] of where) assert.deepEqual(v, { verdict: 'credential', shown: true }, `${p} in the ${form} form`);
      for (const [form, write] of FORMS) {
        const v = verdictOf(`Set it up:\n\n\`\`\`bash\n${write(p)}\`\`\`\n`, 'docs/deploy.md');
        assert.deepEqual(v, { verdict: 'credential', shown: false }, `${p} in the ${form} form in docs`);
      }
    }
    // A marker makes it a sample in every form, a count or not.
    for (const p of ['test-password', 'fake_secret1', 'mockToken42', 'dummy.key.123']) {
      for (const [form, write, path] of FORMS) assert.deepEqual(found(write(p), path), [], `${p} in the ${form} form`);
    }
  });

  it('placeholders in the seven languages are not passwords in any form', () => {
    for (const p of ['sua_senha', 'votre-mot-de-passe', 'ihrPasswort', 'tu_contrasena', 'su-clave', 'la_tua_password', 'uw-wachtwoord', 'senha_aqui', 'beispielPasswort', 'motdepasse', 'contraseña']) {
      for (const [form, write, path] of FORMS) assert.deepEqual(found(write(p), path), [], `${p} in the ${form} form`);
    }
  });
});

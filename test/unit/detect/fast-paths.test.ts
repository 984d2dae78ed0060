import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { repeatedBlockShare, typedRuns } from '../../../core/detect/judge/placeholders';
import { atMostDistinctChars, distinctChars, longestRun, longestSequence } from '../../../core/detect/judge/entropy';
import { judgeValue } from '../../../core/detect/judge/values';
import { judgeValueMemo } from '../../../core/detect/judge/value-memo';
import { RULE_MODULES } from '../../../core/detect/rules/modules';
import { fake, fakeHumanPassword } from '../../helpers/fake-keys';
import { scanText } from '../../../core/detect';
import { LineCursor, LineIndex } from '../../../core/detect/input/positions';
import { trueSampleText } from './rule-samples.test';
import { operatorAt } from '../../../core/detect/judge/generic';
import { DOCS_DIR, EXAMPLE_NAME, RUNS_DIR, RUNS_NAME, runsWhereItIs, TEST_CLASS, TEST_NAME } from '../../../core/detect/judge/weak-defaults';
import { formatOf } from '../../../core/files';
import { splitIntoWords, wordListLoaded } from '../../../core/detect/judge/words';

/**
 * The detector's fast paths must give the answers of the plain forms they replace: these tests
 * hold each one against the plain form, written out here, on generated inputs.
 */

/** The plain form: every offset, every period. */
function repeatedBlockSharePlain(s: string): number {
  let best = 0;
  for (let p = 4; p <= 32 && p * 3 <= s.length; p++) {
    let run = 0;
    for (let i = 0; i + p < s.length; i++) {
      if (s.charCodeAt(i) === s.charCodeAt(i + p)) {
        run++;
        if (run + p >= p * 3) best = Math.max(best, run + p);
      } else run = 0;
    }
  }
  return best / s.length;
}

/** Strings made of blocks typed again and again, with noise between them: where runs start and end matters. */
const blocky = fc
  .array(
    fc.tuple(fc.string({ minLength: 1, maxLength: 33, unit: fc.constantFrom('a', 'b', 'c', '1', 'Z') }), fc.integer({ min: 1, max: 6 }), fc.string({ maxLength: 5 })),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.map(([block, times, noise]) => block.repeat(times) + noise).join(''));

describe('detection fast paths equal their plain forms', () => {
  it('repeatedBlockShare tests two multiples of the period first, and measures the same share (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(blocky, fc.string({ maxLength: 200 })), (s) => {
        const want = repeatedBlockSharePlain(s);
        const got = repeatedBlockShare(s);
        assert.ok(Object.is(got, want), `${JSON.stringify(s)}: ${got} != ${want}`);
      }),
      { numRuns: 5000 },
    );
    // A run that starts and ends between multiples of the period, and one that fills the value.
    for (const s of ['x'.repeat(3) + 'abcde'.repeat(4) + 'y', 'abcd'.repeat(3), 'q' + '0123456789'.repeat(7)]) {
      assert.equal(repeatedBlockShare(s), repeatedBlockSharePlain(s));
      assert.ok(repeatedBlockShare(s) > 0.5);
    }
  });

  it('typedRuns and atMostDistinctChars answer as the measures they replace (fast-check)', () => {
    const repeatedRunShare = (s: string) => {
      let inRuns = 0, run = 1;
      for (let i = 1; i <= s.length; i++) {
        if (i < s.length && s[i] === s[i - 1]) run++;
        else {
          if (run >= 3) inRuns += run;
          run = 1;
        }
      }
      return inRuns / s.length;
    };
    const typed = fc.array(fc.tuple(fc.constantFrom('a', 'b', '1', '5', 'Z', 'é', '😀'), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 12 }).map((runs) => runs.map(([c, n]) => c.repeat(n)).join(''));
    const counting = fc.tuple(fc.string({ maxLength: 6 }), fc.integer({ min: 33, max: 110 }), fc.integer({ min: 1, max: 14 }), fc.boolean(), fc.string({ maxLength: 6 })).map(([a, from, n, down, b]) => {
      const codes = Array.from({ length: n }, (_, k) => (down ? from + n - k : from + k));
      return a + String.fromCharCode(...codes) + b;
    });
    fc.assert(
      fc.property(fc.oneof(typed, counting, fc.string({ maxLength: 60 }), fc.string({ maxLength: 60, unit: 'grapheme' })), fc.integer({ min: 0, max: 6 }), (s, max) => {
        assert.equal(atMostDistinctChars(s, max), distinctChars(s) <= max, JSON.stringify(s));
        if (s.length < 8) return;
        const want = longestRun(s) * 2 > s.length || longestSequence(s) >= Math.max(8, s.length * 0.6) || (s.length >= 16 && repeatedRunShare(s) > 0.5);
        assert.equal(typedRuns(s), want, JSON.stringify(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('judgeValueMemo answers as judgeValue for every argument list, the first time and from its table', () => {
    const falses = RULE_MODULES.flatMap((m) => m.samples.false.map((f) => (typeof f === 'string' ? f : f.text)));
    const values = [...falses, ...Object.values(fake).map((make) => make()), fakeHumanPassword(), '${OPENAI_API_KEY}', 'sk-...your-key-here', 'postgres', 'hunter2'];
    let judged = 0;
    let accepted = 0;
    const nameKey = {};
    for (const value of values) {
      for (const kind of ['password', 'token'] as const) {
        for (const quoted of [true, false]) {
          for (const code of [false, 'program', 'shell'] as const) {
            for (const shaped of [false, true]) {
              const want = judgeValue(value, kind, quoted, code, 'api_key', shaped);
              assert.equal(judgeValueMemo(value, kind, quoted, code, 'api_key', shaped), want, value);
              assert.equal(judgeValueMemo(value, kind, quoted, code, 'api_key', shaped), want, value);
              // Keyed by the caller's object for the name (genericAt's record), not the name's text.
              assert.equal(judgeValueMemo(value, kind, quoted, code, 'api_key', shaped, nameKey), want, value);
              assert.equal(judgeValueMemo(value, kind, quoted, code, 'api_key', shaped, nameKey), want, value);
              judged++;
              if (want !== null) accepted++;
            }
          }
        }
      }
      // The name is part of the key: the value equal to its name is judged apart.
      assert.equal(judgeValueMemo(value, 'token', true, false, value, false), judgeValue(value, 'token', true, false, value, false));
    }
    assert.ok(accepted > 0 && accepted < judged, `${accepted} of ${judged} accepted: both answers are exercised`);
  });

  it('the generic detector leaves provider formats to their rules before judging them: every rule sample assigned to a credential name is still found by its rule', () => {
    let checked = 0;
    for (const m of RULE_MODULES) {
      m.samples.true.forEach((sample, k) => {
        if (sample.in !== undefined || sample.path !== undefined) return; // samples that need their own context
        const value = trueSampleText(m.rule, sample, k);
        for (const [path, text] of [
          ['settings.py', `api_token = "${value}"\n`],
          ['.env', `SERVICE_SECRET_KEY=${value}\n`],
          ['config.yaml', `auth:\n  password: '${value}'\n`],
        ] as const) {
          const found = scanText(text, { path }).filter((f) => f.ruleId === m.rule.id || f.ruleId === 'weak/default-credential');
          assert.equal(found.length, 1, `${m.rule.id} in ${path}: ${scanText(text, { path }).map((f) => f.ruleId).join(', ') || 'nothing'}`);
          checked++;
        }
      });
    }
    assert.ok(checked > 100, `${checked} samples checked`);
  });

  it('the suppression marker seen by the matching pass suppresses what a search of every line does (fast-check)', () => {
    // The plain form: a finding is dropped when its line or the line above holds the marker.
    const MARKER = 'rotation-guard:allow';
    const key = fake.githubPat();
    const piece = fc.constantFrom(`t = "${key}"`, `# ${MARKER} fixture`, MARKER, 'rotation-guard', 'x', ' ', '\n', '\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const index = new LineIndex(text);
        const all = scanText(text.split(MARKER).join('rotation-guard:xxxxx'), { path: 'a.py' });
        const want = all.filter((f) => ![f.line - 1, f.line - 2].some((l) => l >= 0 && index.lineText(l).includes(MARKER)));
        const got = scanText(text, { path: 'a.py' });
        assert.deepEqual(got.map((f) => [f.line, f.column]), want.map((f) => [f.line, f.column]), JSON.stringify(text));
      }),
      { numRuns: 400 },
    );
    // A pass cancelled before the marker (it looks every 256 hits) has not seen it: the text is
    // searched instead, and the finding it has made is still suppressed.
    const late = `t = "${key}" # ${'key '.repeat(600)}${MARKER} fixture\n`;
    assert.equal(scanText(late.replace(MARKER, 'rotation-guard:xxxxx'), { path: 'a.py' }).length, 1);
    assert.equal(scanText(late, { path: 'a.py', isCancelled: () => true }).length, 0);
    assert.equal(scanText(late, { path: 'a.py' }).length, 0);
  });

  it('the generic detector reads the operator after a name as the regex it replaced did (fast-check)', () => {
    // The plain form: the alternation, longest first, on the next eight characters.
    const plain = (text: string, i: number) => /^(?:===|!==|==|!=|:=|=>|\?=|\|\|=|<-|=|:(?!:)|,)/.exec(text.slice(i, i + 8))?.[0] ?? '';
    const text = fc.string({ maxLength: 12, unit: fc.constantFrom('=', '!', ':', '<', '-', '>', '?', '|', ',', ' ', 'a', '"') });
    fc.assert(
      fc.property(text, fc.nat(12), (t, at) => {
        const i = Math.min(at, t.length);
        assert.equal(operatorAt(t, i), plain(t, i), `${JSON.stringify(t)} at ${i}`);
      }),
      { numRuns: 5000 },
    );
    for (const t of ['===', '!==', '==', '!=', ':=', '=>', '?=', '||=', '<-', '=', ':', '::', ',', ':x', '|=', '!', '']) assert.equal(operatorAt(t, 0), plain(t, 0), t);
  });

  it('LineCursor places every offset as LineIndex does, in order or not (fast-check)', () => {
    const text = fc.string({ maxLength: 300, unit: fc.constantFrom('a', ' ', '\n', '\r', 'é') });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (t, raw, sorted) => {
        const offsets = raw.map((n) => n % (t.length + 1));
        if (sorted) offsets.sort((a, b) => a - b);
        const index = new LineIndex(t);
        const cursor = new LineCursor(t);
        for (const o of offsets) assert.deepEqual(cursor.position(o), index.position(o), `offset ${o} of ${JSON.stringify(t)}`);
      }),
      { numRuns: 3000 },
    );
  });
  it('runsWhereItIs, testing names on the file name and folders once per folder, answers as the patterns on the whole path (fast-check)', () => {
    // The plain form: every pattern on the whole path.
    const plain = (path: string) => {
      const norm = path.replace(/\\/g, '/');
      if (EXAMPLE_NAME.test(norm)) return false;
      const kind = formatOf(norm).kind;
      if (kind === 'markdown' || kind === 'mdx' || kind === 'notebook' || kind === 'markup') return false;
      if (RUNS_NAME.test(norm)) return true;
      // A program's test file in a deployment folder runs under its test runner.
      const test = TEST_NAME.test(norm) || TEST_CLASS.test(norm);
      if (RUNS_DIR.test(norm)) return !(formatOf(norm).code === 'program' && test);
      return !DOCS_DIR.test(norm) && !test;
    };
    const folder = fc.constantFrom('docs', 'Docs', 'doc', 'src', 'App.Core.Tests', 'helm', 'charts', '.github', 'workflows', 'deploy', 'tests', 'test', 'examples', 'site', 'lib', 'k8s', 'x.docs', 'docs-website', 'e2e', 'a');
    const name = fc.constantFrom('README.md', 'compose.yaml', 'docker-compose.prod.yml', 'Dockerfile', 'api.dockerfile', '.env', '.env.local', '.env.example', 'app.py', 'test_app.py', 'app_test.go', 'app.spec.ts', 'conftest.py', 'config.sample.json', 'settings.yaml.tmpl', 'notes.txt', 'x.ipynb', 'Jenkinsfile', '.gitlab-ci.yml', 'test-utils.ts', 'main.tf', 'docs', 'a.example', 'TracingTests.cs', 'Contest.java', 'UserServiceTest.kt');
    const path = fc.tuple(fc.boolean(), fc.array(folder, { maxLength: 4 }), name, fc.constantFrom('/', '\\')).map(([abs, dirs, file, sep]) => (abs ? sep : '') + [...dirs, file].join(sep));
    fc.assert(
      fc.property(path, (p) => {
        assert.equal(runsWhereItIs(p), plain(p), p);
      }),
      { numRuns: 5000 },
    );
    for (const p of ['compose.yaml', 'docs/compose.yaml', 'docs/app.py', '.github/workflows/ci.yml', 'x/.github/workflows/docs/a.py', 'docs', '/tmp/tests/app.py', 'src/app.py', 'C:\\docs\\app.py']) assert.equal(runsWhereItIs(p), plain(p), p);
  });
  it('splitIntoWords without extra words, stopping where no word begins, splits as the plain form does (fast-check)', () => {
    assert.ok(wordListLoaded(), 'the build writes the word list');
    // The plain form: with an `extra` predicate (here one that knows no word) splitIntoWords looks
    // up every piece of 2 to 24 letters and keeps, for each end, the fewest words.
    const plain = (run: string, shortOpens = true, minPart = 3) => splitIntoWords(run, () => false, shortOpens, minPart);
    const piece = fc.oneof(
      fc.constantFrom('my', 'tu', 'su', 'a', 'secret', 'password', 'key', 'sun', 'shine', 'sunshine', 'correct', 'horse', 'battery', 'staple', 'contrasena', 'segura', 'beispiel', 'here', 'is', 'the', 'in', 'to', 'abc', 'xq'),
      fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz') }),
    );
    const run = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(run, fc.boolean(), fc.integer({ min: 2, max: 4 }), (r, shortOpens, minPart) => {
        assert.deepEqual(splitIntoWords(r, undefined, shortOpens, minPart), plain(r, shortOpens, minPart), r);
      }),
      { numRuns: 3000 },
    );
    for (const r of ['sunshine', 'correcthorsebatterystaple', 'mysecretkey', 'qzxjvkqz', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'x', '']) assert.deepEqual(splitIntoWords(r), plain(r), r);
  });
});

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { rawMatches, scanText } from '../../../core/detect/index';
import { fake, rand } from '../../helpers/fake-keys';

// Random and adversarial input: the scanner must never throw, must place every finding inside the
// text with the slice equal to what it matched, must be deterministic, and must find planted keys
// at their exact offsets whatever surrounds them.
const keyChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.:"\'`{}[]()$ \n\t~|#*'.split(''));
const adversarial = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(keyChars, { maxLength: 600 }).map((a) => a.join('')),
  fc.array(fc.constantFrom('sk-', 'sk-proj-', 'AKIA', 'ghp_', 'xoxb-', 'eyJ', '-----BEGIN PRIVATE KEY-----', 'password=', 'api_key: "', '://u:', '@', '"', "'", '\\"', 'Bearer ', 'curl -u ', 'kind: Secret\ndata:\n  k: ', 'rotation-guard:allow', '${', '{{', '\n'), { maxLength: 80 }).map((a) => a.join('')),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
const paths = fc.constantFrom('a.txt', 'x.py', 'c.yaml', '.env', 'n.ipynb', 't.jsonl', 's.prompty', 'p.j2', 'k.yaml', 'main.go');

describe('scanText properties (fast-check)', function () {
  this.timeout(120000); // hundreds of runs on a shared machine
  it('never throws, keeps positions inside the text and the slice equal to the match, and is deterministic', () => {
    fc.assert(
      fc.property(adversarial, paths, (text, path) => {
        const a = scanText(text, { path });
        const b = scanText(text, { path });
        assert.deepEqual(a, b);
        for (const m of rawMatches(text, { path })) {
          assert.ok(m.start >= 0 && m.start < m.end && m.end <= text.length, `${m.ruleId} ${m.start}-${m.end} of ${text.length}`);
        }
        for (const f of a) {
          assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
          const before = text.slice(0, f.start).split('\n');
          assert.equal(f.line, before.length);
          assert.equal(f.column, before[before.length - 1]!.length + 1);
          assert.ok(!f.message.includes(text.slice(f.start, f.end)) || f.end - f.start < 12);
        }
        for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]!.start <= a[i]!.start, 'sorted by offset');
      }),
      { numRuns: 400 },
    );
  });

  it('finds keys planted at random positions at their exact offsets', () => {
    const makers = [fake.openaiProject, fake.anthropic, fake.githubPat, fake.awsKeyId, fake.slackBot, fake.stripe, fake.groq, fake.google, fake.huggingface, fake.npm];
    const filler = fc.array(fc.constantFrom('the ', 'model ', 'prompt. ', '\n', '{{ x }} ', '- item\n', '# note\n', 'a=1 ', '"quoted" '), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(filler, filler, fc.integer({ min: 0, max: makers.length - 1 }), fc.constantFrom(' ', '\n', '"', "'", '='), (pre, post, k, sep) => {
        const key = makers[k]!();
        const text = `${pre}${sep}${key}${sep === '=' ? ' ' : sep}${post}`;
        const at = pre.length + 1;
        const hits = scanText(text, { path: 'p.txt' }).filter((f) => f.start === at && f.end === at + key.length);
        assert.equal(hits.length, 1, `planted ${key.slice(0, 6)}… at ${at}: ${JSON.stringify(scanText(text, { path: 'p.txt' }).map((f) => [f.ruleId, f.start, f.end]))}`);
      }),
      { numRuns: 300 },
    );
  });

  it('stops early when cancelled', () => {
    const text = `password = "${rand(8)}$${rand(7)}!"\n`.repeat(20000);
    let calls = 0;
    const all = scanText(text, { path: 'a.txt' }).length;
    const some = scanText(text, { path: 'a.txt', isCancelled: () => ++calls > 2 }).length;
    assert.ok(calls > 0, 'isCancelled was consulted');
    assert.ok(some < all, `cancelled scan returned ${some} of ${all}`);
  });
});

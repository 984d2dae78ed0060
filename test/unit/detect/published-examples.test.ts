import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../../../core/detect';
import { isPublishedExample } from '../../../core/detect/judge/public-examples';

const FIXTURE = join(__dirname, '../../../../test/fixtures/published-example-keys.txt');
const published = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));

// Keys that public SDKs publish as test fixtures are readable by anyone: not findings.
describe('keys published in public SDK test suites', () => {
  it('the fixture lists the published keys', () => assert.ok(published.length >= 16));

  for (const key of published) {
    it(`${key.slice(0, 8)}… is known and not reported`, () => {
      assert.equal(isPublishedExample(key), true);
      assert.deepEqual(scanText(`GOOGLE_API_KEY=${key}\n`, { path: 'config.env' }), []);
    });
  }

  it('a key differing from a published one in one character is still reported', () => {
    for (const key of published.filter((k) => k.startsWith('AIzaSy') && !/abcdef/.test(k))) {
      const last = key[key.length - 1] === 'Q' ? 'R' : 'Q';
      const changed = key.slice(0, -1) + last;
      assert.equal(isPublishedExample(changed), false);
      const found = scanText(`GOOGLE_API_KEY=${changed}\n`, { path: 'config.env' });
      assert.deepEqual(found.map((f) => f.ruleId), ['secret/google-api-key'], changed.slice(0, 8));
    }
  });
});

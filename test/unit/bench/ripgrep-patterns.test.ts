import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ripgrepAnchorLiterals, ripgrepRulePatterns, toRustRegex } from '../../../bench/detect/ripgrep-patterns';
import { scanText } from '../../../core/detect';
import { fake, rand } from '../../helpers/fake-keys';
import { projectPerTest } from '../../helpers/temp-project';

// The benchmark times ripgrep on "the equivalent pattern list". These tests hold it to that: ripgrep
// (the Debian package, as in the benchmark) accepts every translated rule and matches every line
// the scanner reports on, so its job is never harder than ours.
const rg = (args: string[], cwd: string) => spawnSync('rg', ['--no-config', '--regex-size-limit', '1G', '--dfa-size-limit', '1G', ...args], { cwd, encoding: 'utf8' });

describe('the ripgrep rule list of the benchmark', () => {
  let dir: string;
  const tmp = projectPerTest('rg-patterns-', {}, 'all');
  before(() => {
    ({ dir } = tmp.project);
  });

  it('drops look-arounds, makes named groups plain and escapes what Rust reads as set syntax', () => {
    assert.equal(toRustRegex('(?<![A-Za-z0-9])(?<v>sk-[a-z]{4})(?![A-Za-z])'), '(?:sk-[a-z]{4})');
    assert.equal(toRustRegex('(?<=(?<p>\\d{3})):AA'), ':AA');
    assert.equal(toRustRegex('https:\\/\\/[^\\s[\\]`]+'), 'https://[^\\s\\[\\]`]+');
    assert.equal(toRustRegex('[a--z]'), '[a\\-\\-z]');
  });

  it('ripgrep compiles every pattern and every anchor', () => {
    for (const list of [ripgrepRulePatterns(), ripgrepAnchorLiterals()]) {
      writeFileSync(join(dir, 'list.rg'), `${list.join('\n')}\n`);
      writeFileSync(join(dir, 'empty.txt'), 'nothing to see\n');
      const r = rg(['-c', '-f', 'list.rg', 'empty.txt'], dir);
      assert.ok(r.status === 0 || r.status === 1, `rg failed (${r.status}): ${r.stderr.slice(0, 400)}`);
    }
  });

  it('matches every line the scanner reports on', () => {
    const lines = Object.values(fake).map((make, i) => (i % 2 ? `KEY_${i}=${make()}` : `  "key_${i}": "${make()}",`));
    lines.push(`password: "${rand(10)}&${rand(6)}"`, `DATABASE_URL=postgres://app:${rand(14)}@db.internal:5432/app`);
    const text = `${lines.join('\n')}\n`;
    writeFileSync(join(dir, 'keys.txt'), text);
    const reported = new Set(scanText(text, { path: 'keys.txt' }).map((f) => f.line));
    assert.ok(reported.size >= lines.length - 2, `the scanner reported ${reported.size} of ${lines.length} lines`);
    writeFileSync(join(dir, 'list.rg'), `${ripgrepRulePatterns().join('\n')}\n`);
    const r = rg(['-n', '--no-heading', '-f', 'list.rg', 'keys.txt'], dir);
    assert.equal(r.status, 0, r.stderr.slice(0, 400));
    const matched = new Set(r.stdout.split('\n').filter(Boolean).map((l) => Number(l.split(':')[0])));
    for (const line of reported) assert.ok(matched.has(line), `ripgrep's list misses line ${line}`);
  });
});

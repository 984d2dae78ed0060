import { strict as assert } from 'node:assert';
import { fake, rand } from '../../helpers/fake-keys';
import { parseScanArgs } from '../../../cli/src/scan/args';
import { DEFAULT_MIN_CONFIDENCE, meetsConfidence } from '../../../core/detect/judge/confidence';
import { cli, tempTree } from './run-cli';

interface JsonFinding { file: string; ruleId: string; confidence: number }
const findingsOf = (stdout: string): JsonFinding[] => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;

describe('rotation-guard scan: text inside binary files, and confidence', function () {
  this.timeout(60_000);

  it('finds a recorded header inside a shelve/pickle-like file, skips images, and judges runs by format rules only', () => {
    const token = rand(32, '0123456789abcdef');
    const key = fake.openaiProject();
    const pickled = Buffer.concat([
      Buffer.from([0x80, 0x04, 0x95, 0, 0, 0, 0]),
      Buffer.from(`Authorization: Bearer ${token}`),
      Buffer.from([0, 0x8c, 0x10]),
      Buffer.from(`db_password=${rand(6)}!${rand(8)}`), // a generic assignment: not judged in binary runs
      Buffer.from([0, 0, 0x94]),
      Buffer.from(key),
      Buffer.from([0x2e]),
    ]);
    const root = tempTree({
      'cache/responses.db': pickled,
      'img.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.from(key)]),
    });
    const r = cli(['scan', '--format', 'json', '.'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const fs = findingsOf(r.stdout);
    assert.deepEqual(fs.map((f) => f.file).sort(), ['cache/responses.db', 'cache/responses.db']);
    assert.deepEqual(fs.map((f) => f.ruleId).sort(), ['secret/authorization-header', 'secret/openai-api-key']);
    assert.match(r.stderr, /skipped 1 binary/);
    assert.ok(!r.stdout.includes(key) && !r.stdout.includes(token), 'values never reach the output');
  });

  it('every finding carries a confidence; --min-confidence hides the weaker ones, 0 shows them all', () => {
    const key = fake.anthropic();
    // A password that does not look generated next to its name in documentation prose (0.45; a
    // digit, since words alone are judged no password), and a provider key (0.9 and up).
    const line = ['The database', 'password:', 'bluesky-mountain7', 'is set on the server.'].join(' ');
    const root = tempTree({ 'docs/guide.md': `${line}\n\nOr pass \`${key}\`.\n` });
    const def = findingsOf(cli(['scan', '--format', 'json', '.'], { cwd: root }).stdout);
    const all = findingsOf(cli(['scan', '--format', 'json', '--min-confidence', '0', '.'], { cwd: root }).stdout);
    const strict = findingsOf(cli(['scan', '--format', 'json', '--min-confidence=0.95', '.'], { cwd: root }).stdout);
    assert.ok(all.every((f) => typeof f.confidence === 'number' && f.confidence > 0 && f.confidence <= 1));
    assert.deepEqual(def.map((f) => f.ruleId), ['secret/anthropic-api-key']);
    assert.equal(all.length, 2);
    assert.ok(all.some((f) => f.confidence < DEFAULT_MIN_CONFIDENCE));
    assert.ok(strict.length <= def.length);
    const sarif = JSON.parse(cli(['scan', '--format', 'sarif', '.'], { cwd: root }).stdout) as { runs: Array<{ results: Array<{ properties: { confidence: number } }> }> };
    assert.ok(sarif.runs[0]!.results.every((x) => typeof x.properties.confidence === 'number'));
  });

  it('--min-confidence takes a number from 0 to 1; the core filter keeps what meets it', () => {
    assert.equal(parseScanArgs(['--min-confidence', '0.75', 'a']).minConfidence, 0.75);
    assert.equal(parseScanArgs(['a']).minConfidence, DEFAULT_MIN_CONFIDENCE);
    assert.throws(() => parseScanArgs(['--min-confidence', '2', 'a']), /from 0 to 1/);
    assert.throws(() => parseScanArgs(['--min-confidence', 'high', 'a']), /from 0 to 1/);
    assert.deepEqual(meetsConfidence([{ confidence: 0.4 }, { confidence: 0.6 }]), [{ confidence: 0.6 }]);
  });
});

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fake, rand, seededPick } from '../../helpers/fake-keys';
import { tempProject } from '../../helpers/temp-project';
import { CLI, cli, tempTree } from './run-cli';

/**
 * dist/cli.js reads the scan bundle through V8's code cache (cli/src/main.ts, code-cache.ts), and
 * markdown-it is a bundle of its own (dist/cli-markdown.js) that the scan loads at the first fenced
 * Markdown region. The real CLI process, twice: the first run writes the cache, the second reads it,
 * and both report the same findings, the one inside a fence included.
 */
describe('rotation-guard scan through the code cache (real CLI process)', function () {
  this.timeout(60000);

  it('writes one private cache file on the first run, reads it on the second, same report both times', () => {
    const key = fake.openaiProject();
    // A seeded draw: in docs only a generated-looking password is shown, and 765 of 20,000
    // fake.password() draws (3.8 %) read as typed there; this test is about the cache.
    const pick = seededPick('code-cache-scan');
    const password = `${rand(8, undefined, pick)}!${rand(12, undefined, pick)}`;
    const root = tempTree({
      'prompts/system.prompt': `Use ${key} for calls.\n`,
      'docs/setup.md': `# Setup\n\n\`\`\`bash\nexport DB_PASSWORD='${password}'\n\`\`\`\n`,
    });
    const cache = tempProject('rg-code-cache-').dir;
    const env = { XDG_CACHE_HOME: cache };
    const first = cli(['scan', '--format', 'json', '.'], { cwd: root, env });
    assert.equal(first.status, 1, first.stderr);
    const files = readdirSync(join(cache, 'rotation-guard', 'v8-code-cache')).filter((f) => f.startsWith('cli-scan.js.'));
    assert.equal(files.length, 1, files.join(', '));
    const file = join(cache, 'rotation-guard', 'v8-code-cache', files[0]!);
    assert.equal(statSync(file).mode & 0o077, 0, 'the cache file is readable by its owner only');
    const written = statSync(file).mtimeMs;

    const second = cli(['scan', '--format', 'json', '.'], { cwd: root, env });
    assert.equal(second.status, 1, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.equal(statSync(file).mtimeMs, written, 'a cache that was used is not written again');
    const rules = (JSON.parse(second.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings.map((f) => `${f.file} ${f.ruleId}`).sort();
    assert.deepEqual(rules, ['docs/setup.md secret/hardcoded-password', 'prompts/system.prompt secret/openai-api-key']);
  });

  it('scan and redact load one bundle under different V8 flags: each keeps a cache of its own, and neither rewrites the other', () => {
    const root = tempTree({ 'notes.txt': 'nothing here\n' });
    const cache = tempProject('rg-code-cache-').dir;
    const env = { XDG_CACHE_HOME: cache };
    const folder = join(cache, 'rotation-guard', 'v8-code-cache');
    const scanCaches = () => readdirSync(folder).filter((f) => f.startsWith('cli-scan.js.')).sort();
    const stamps = () => scanCaches().map((f) => `${f} ${statSync(join(folder, f)).mtimeMs}`);
    const scan = () => assert.equal(cli(['scan', '.'], { cwd: root, env }).status, 0);
    const redact = () => assert.equal(cli(['redact'], { cwd: root, env, input: 'x = 1\n' }).status, 0);
    scan();
    redact();
    // One file per set of flags: \`scan\` adds tuneV8ForLowMemory and tuneV8ForOneShotScan.
    assert.equal(scanCaches().length, 2, scanCaches().join(', '));
    const written = stamps();
    scan();
    redact();
    scan();
    assert.deepEqual(stamps(), written, 'a cache written under the same flags is used, not written again');
  });

  it('a cache folder that cannot be made (XDG_CACHE_HOME under /proc) costs the cache, not the scan', function () {
    if (!existsSync('/proc/self')) this.skip();
    const root = tempTree({ 'notes.txt': 'nothing here\n' });
    // Node's recursive mkdirSync never returned there (core/files/make-dirs.ts); a time limit, not mocha's.
    const r = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_CACHE_HOME: '/proc/rotation-guard-test' } });
    assert.equal(r.signal, null, 'the scan was stopped: it never ended');
    assert.equal(r.status, 0, r.stderr);
  });
});

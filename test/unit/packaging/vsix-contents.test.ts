import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { listZip, type ZipEntry } from './zip-listing';
import { projectPerTest } from '../../helpers/temp-project';

// Packages the extension exactly like `npm run package` and checks what a user would install.
describe('vsix contents (npm run package)', function () {
  this.timeout(180_000);
  let dir: string;
  let names: string[] = [];
  let entries: ZipEntry[] = [];

  const tmp = projectPerTest('rg-vsix-test-', {}, 'all');
  before(() => {
    ({ dir } = tmp.project);
    const out = path.join(dir, 'test.vsix');
    // `npm test` has just built dist/; build again only when run on its own
    const built = ['client', 'server', 'cli'].every((b) => existsSync(`dist/${b}.js`));
    const args = ['scripts/package.mjs', '--out', out, ...(built ? ['--no-build'] : [])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    assert.equal(r.status, 0, `package.mjs failed:\n${r.stderr}`);
    entries = listZip(out);
    names = entries.map((e) => e.name);
  });

  it('holds the three bundles, the manifest and the license', () => {
    for (const f of ['dist/server.js', 'dist/client.js', 'dist/cli.js', 'dist/cli-scan.js', 'dist/cli-full.js', 'dist/cli-hook.js', 'dist/cli-hook-engine.js', 'dist/cli-hook-snapshot.js', 'dist/hook-launch.sh', 'dist/cli-filters.js', 'dist/cli-markdown.js', 'dist/scan-worker.js', 'dist/server-scan-worker.js', 'dist/driver-redis.js', 'dist/driver-mysql2.js', 'dist/driver-aws.js', 'dist/driver-google-auth.js', 'dist/words.txt', 'package.json', 'LICENSE.txt']) {
      const e = entries.find((x) => x.name === `extension/${f}`);
      assert.ok(e, `extension/${f} missing from the vsix`);
      assert.ok(e.size > 0, `extension/${f} is empty`);
    }
  });

  it('holds every generated JSON schema', () => {
    const schemas = existsSync('schemas') ? readdirSync('schemas').filter((f) => f.endsWith('.json')) : [];
    for (const s of schemas) assert.ok(names.includes(`extension/schemas/${s}`), `schemas/${s} missing`);
  });

  it('holds the keyring loader and exactly one native binary, for this platform', () => {
    assert.ok(names.includes('extension/node_modules/@napi-rs/keyring/index.js'), 'keyring loader missing');
    assert.ok(names.includes('extension/node_modules/@napi-rs/keyring/package.json'));
    const binaries = names.filter((n) => n.endsWith('.node'));
    assert.equal(binaries.length, 1, `expected one .node binary, got ${binaries.join(', ')}`);
    assert.match(binaries[0]!, new RegExp(`^extension/node_modules/@napi-rs/keyring-${process.platform}-${process.arch}[^/]*/keyring\\.`));
  });

  it('ships nothing but the allow-list: no tests, sources, maps, env files or fixtures', () => {
    const bad = names.filter((n) =>
      /(^|\/)(test|src|out|fixtures|demo|\.demo-workspace|scripts|bench)\//.test(n.replace(/^extension\/node_modules\/.*$/, '')) ||
      /\.(ts|map|vsix)$/.test(n) ||
      /(^|\/)\.env(\.|$)/.test(n) ||
      /(^|\/)(tsconfig.*\.json|package-lock\.json|\.vscodeignore)$/.test(n));
    assert.deepEqual(bad, []);
    const other = names.filter((n) => n.startsWith('extension/node_modules/') && !n.startsWith('extension/node_modules/@napi-rs/keyring'));
    assert.deepEqual(other, [], 'only the keyring packages may sit under node_modules');
  });
});

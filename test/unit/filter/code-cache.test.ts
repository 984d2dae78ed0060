import { strict as assert } from 'node:assert';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWithCodeCache } from '../../../cli/src/code-cache';
import { tempProject } from '../../helpers/temp-project';

// The hook's engine is read through V8's code cache (cli/src/code-cache.ts). The cache holds code
// the process runs, so only a file of this user's, in a folder only this user can write, is used.
describe('V8 code cache for the hook engine', () => {
  const bundle = (dir: string, body = 'exports.answer = () => 6 * 7;') => {
    const file = join(dir, 'engine.js');
    writeFileSync(file, `${body}\nexports.pad = ${JSON.stringify('x'.repeat(5000))};\n`);
    return file;
  };

  it('compiles from source once, writes a private cache, and the next load uses it', () => {
    const dir = tempProject('rg-cc-').dir;
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const file = bundle(dir);
    const first = loadWithCodeCache(file, env, (write) => write());
    assert.equal(first.cache, 'new');
    assert.equal((first.exports as { answer(): number }).answer(), 42);
    const cacheDir = join(dir, 'cache', 'rotation-guard', 'v8-code-cache');
    const [name] = readdirSync(cacheDir);
    assert.ok(name?.startsWith('engine.js.'), name);
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(cacheDir, name!)).mode & 0o777, 0o600);
    const second = loadWithCodeCache(file, env, () => assert.fail('a used cache is not written again'));
    assert.equal(second.cache, 'used');
    assert.equal((second.exports as { answer(): number }).answer(), 42);
  });

  it('a changed bundle of the same length gets a cache of its own (V8 itself checks only the length)', () => {
    const dir = tempProject('rg-cc-').dir;
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const file = bundle(dir, 'exports.answer = () => 6 * 7;');
    loadWithCodeCache(file, env, (write) => write());
    bundle(dir, 'exports.answer = () => 6 * 8;');
    const again = loadWithCodeCache(file, env, (write) => write());
    assert.equal(again.cache, 'new');
    assert.equal((again.exports as { answer(): number }).answer(), 48);
  });

  it('ignores a cache file others can write, and a cache folder others can write', () => {
    const dir = tempProject('rg-cc-').dir;
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const file = bundle(dir);
    loadWithCodeCache(file, env, (write) => write());
    const cacheDir = join(dir, 'cache', 'rotation-guard', 'v8-code-cache');
    const cached = join(cacheDir, readdirSync(cacheDir)[0]!);
    chmodSync(cached, 0o666);
    assert.equal(loadWithCodeCache(file, env, () => {}).cache, 'new');
    chmodSync(cached, 0o600);
    assert.equal(loadWithCodeCache(file, env, () => {}).cache, 'used');
    chmodSync(cacheDir, 0o777);
    assert.equal(loadWithCodeCache(file, env, () => {}).cache, 'new');
  });

  it('without a private place for a cache it still loads (plain compile)', () => {
    const dir = tempProject('rg-cc-').dir;
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, '');
    const file = bundle(dir);
    const r = loadWithCodeCache(file, { XDG_CACHE_HOME: blocked }, (write) => write());
    assert.equal((r.exports as { answer(): number }).answer(), 42);
    assert.equal(loadWithCodeCache(file, { XDG_CACHE_HOME: blocked }, () => {}).cache, 'new');
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GpgKeyMissingError, PassStore } from '../../../core/stores';
import { startPass, type SystemPass } from '../../helpers/system/pass';
import { requireSystem, runToEnd } from '../../helpers/system/processes';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

describe('pass store against real pass + gpg', function () {
  this.timeout(60000);
  let sys: SystemPass | undefined;
  before(async function () {
    sys = await requireSystem(this, 'pass with a throwaway GPG key', startPass);
  });
  after(async () => sys?.stop());

  it('stores stages as separate encrypted entries; the value never appears in the store files in clear', async () => {
    const store = new PassStore({ path: 'rg/{id}', env: sys!.env });
    const value = `pass-${randomBytes(16).toString('hex')}`;
    await store.set('db', 'current', value);
    await store.set('db', 'pending', `${value}-next`);
    assert.equal(await store.get('db', 'current'), value);
    assert.equal(await store.get('db', 'pending'), `${value}-next`);
    const ls = await runToEnd('pass', ['ls', 'rg'], { env: sys!.env });
    assert.match(ls.stdout, /db\.pending/);
    for (const f of filesUnder(sys!.env.PASSWORD_STORE_DIR!)) assert.ok(!readFileSync(f).includes(value), `${f} holds the value in clear`);
    assert.equal(await store.delete('db', 'pending'), true);
    assert.equal(await store.get('db', 'pending'), null);
    assert.equal(await store.delete('db', 'pending'), false);
  });

  it('keeps the user on a `user:` line of the same entry (one insert); get still returns the password line', async () => {
    const store = new PassStore({ path: 'rg/{id}', env: sys!.env });
    const value = `pass-${randomBytes(16).toString('hex')}`;
    await store.set('alt', 'current', value, 'app_user_b');
    assert.equal(await store.get('alt', 'current'), value);
    assert.equal(await store.getUser('alt', 'current'), 'app_user_b');
    const shown = await runToEnd('pass', ['show', 'rg/alt'], { env: sys!.env });
    assert.equal(shown.stdout, `${value}\nuser: app_user_b\n`);
    await store.set('alt', 'current', `${value}-2`);
    assert.equal(await store.getUser('alt', 'current'), null, 'a write without a user leaves no stale user');
  });

  it('returns null for a missing entry', async () => {
    assert.equal(await new PassStore({ env: sys!.env }).get('never-set', 'current'), null);
  });

  it('raises GpgKeyMissingError when the secret key is gone', async () => {
    const store = new PassStore({ path: 'rg/gone', env: sys!.env });
    await store.set('x', 'current', 'value-before-key-loss');
    rmSync(join(sys!.env.GNUPGHOME!, 'private-keys-v1.d'), { recursive: true, force: true });
    await runToEnd('gpgconf', ['--kill', 'gpg-agent'], { env: sys!.env });
    await assert.rejects(store.get('x', 'current'), (e: unknown) => {
      assert.ok(e instanceof GpgKeyMissingError, `got ${(e as Error).constructor.name}: ${(e as Error).message}`);
      assert.match((e as Error).message, /pass init|Import the key/);
      assert.ok(!(e as Error).message.includes('value-before-key-loss'));
      return true;
    });
  });
});

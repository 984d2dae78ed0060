import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KeychainStore } from '../../../server/src/core/stores';
import { startBus, startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { killGroup, makeTempDir, removeDir, requireSystem, runToEnd } from '../../helpers/system/processes';

// @napi-rs/keyring reads DBUS_SESSION_BUS_ADDRESS when an entry is made, so pointing
// process.env at the private bus before each call is enough (checked by these tests).
function withBus<T>(address: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
  if (address === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = address;
  return fn().finally(() => {
    if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
  });
}

describe('keychain store against a real gnome-keyring', function () {
  this.timeout(30000);
  let keyring: SystemKeyring | undefined;

  before(async function () {
    keyring = await requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring);
  });
  after(async () => keyring?.stop());

  it('sets, gets and deletes each stage separately', async () => {
    const store = new KeychainStore({ service: 'rg-it-keychain' });
    const cur = `cur-${randomBytes(12).toString('hex')}`;
    const pend = `pend-${randomBytes(12).toString('hex')}`;
    await withBus(keyring!.busAddress, async () => {
      assert.equal(await store.get('api', 'current'), null);
      await store.set('api', 'current', cur);
      await store.set('api', 'pending', pend);
      assert.equal(await store.get('api', 'current'), cur);
      assert.equal(await store.get('api', 'pending'), pend);
      assert.equal(await store.delete('api', 'pending'), true);
      assert.equal(await store.get('api', 'pending'), null);
      assert.equal(await store.delete('api', 'pending'), false);
      assert.equal(await store.get('api', 'current'), cur);
    });
  });

  it('substitutes {id} in the account template', async () => {
    const store = new KeychainStore({ service: 'rg-it-keychain', account: 'acct-{id}' });
    await withBus(keyring!.busAddress, async () => {
      await store.set('x1', 'current', 'value-for-x1-abcdef');
      const plain = new KeychainStore({ service: 'rg-it-keychain' });
      assert.equal(await plain.get('acct-x1', 'current'), 'value-for-x1-abcdef');
    });
  });

  it('raises NoDbusSessionError when no session bus is reachable (fresh process each)', async () => {
    const noSocket = await probe('get', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rotation-guard-bus' });
    assert.equal(noSocket.errorClass, 'NoDbusSessionError', JSON.stringify(noSocket));
    assert.match(noSocket.message, /DBUS_SESSION_BUS_ADDRESS|dbus-run-session/);
    const unset = await probe('set', { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined });
    assert.equal(unset.errorClass, 'NoDbusSessionError', JSON.stringify(unset));
  });

  it('raises NoSecretServiceError on a bus without a keyring, and the message says what to install', async () => {
    const dir = makeTempDir('bare-bus');
    const { bus, address } = await startBus(dir, { ...process.env, HOME: dir });
    try {
      const r = await probe('set', { DBUS_SESSION_BUS_ADDRESS: address });
      assert.equal(r.errorClass, 'NoSecretServiceError', JSON.stringify(r));
      assert.equal(r.code, 'store/no-secret-service');
      assert.match(r.message, /gnome-keyring|KeePassXC/);
    } finally {
      killGroup(bus);
      removeDir(dir);
    }
  });
});

async function probe(op: 'get' | 'set', envPatch: Record<string, string | undefined>): Promise<{ ok: boolean; errorClass?: string; code?: string; message: string }> {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(envPatch)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = await runToEnd(process.execPath, [join(__dirname, '../workers/keychain-probe.js'), op], { env, timeoutMs: 20000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  assert.ok(line.startsWith('{'), `probe printed no result (exit ${r.code}): ${r.stderr.slice(-300)}`);
  return JSON.parse(line) as { ok: boolean; errorClass?: string; code?: string; message: string };
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { storeOps } from '../../helpers/system/store-client';
import { snapshotDir } from '../../helpers/system/snapshot';
import { startBus, startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { killGroup, makeTempDir, removeDir, requireSystem, runToEnd } from '../../helpers/system/processes';

// @napi-rs/keyring keeps the first D-Bus connection a process makes, so every keychain call in
// this suite runs in a child process (workers/) with the private bus in its environment.
const WORKERS = snapshotDir(join(__dirname, '../workers'));

describe('keychain store against a real gnome-keyring', function () {
  this.timeout(30000);
  let keyring: SystemKeyring | undefined;

  before(async function () {
    keyring = await requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring);
  });
  after(async () => keyring?.stop());

  it('sets, gets and deletes each stage separately', async () => {
    const ref = { type: 'keychain', service: 'rg-it-keychain' };
    const cur = `cur-${randomBytes(12).toString('hex')}`;
    const pend = `pend-${randomBytes(12).toString('hex')}`;
    const op = (o: 'get' | 'set' | 'delete', stage: 'current' | 'pending', value?: string) => ({ op: o, ref, secretId: 'api', stage, value });
    const r = await storeOps(keyring!.env, [op('get', 'current'), op('set', 'current', cur), op('set', 'pending', pend), op('get', 'current'), op('get', 'pending'), op('delete', 'pending'), op('get', 'pending'), op('delete', 'pending'), op('get', 'current')], WORKERS);
    assert.deepEqual(r.map((x) => ('value' in x ? x.value : 'deleted' in x ? x.deleted : 'set')), [null, 'set', 'set', cur, pend, true, null, false, cur]);
  });

  it('substitutes {id} in the account template (same item as the plain account)', async () => {
    const r = await storeOps(keyring!.env, [
      { op: 'set', ref: { type: 'keychain', service: 'rg-it-keychain', account: 'acct-{id}' }, secretId: 'x1', stage: 'current', value: 'value-for-x1-abcdef' },
      { op: 'get', ref: { type: 'keychain', service: 'rg-it-keychain' }, secretId: 'acct-x1', stage: 'current' },
    ], WORKERS);
    assert.equal(r[1]!.value, 'value-for-x1-abcdef');
  });

  it("the test session starts the keyring daemon again when it dies, as a desktop session's unit does, unlocked and with its items", async () => {
    const ref = { type: 'keychain', service: 'rg-it-keychain-restart' };
    const value = `cur-${randomBytes(12).toString('hex')}`;
    await storeOps(keyring!.env, [{ op: 'set', ref, secretId: 'api', stage: 'current', value }], WORKERS);
    // The abort gnome-keyring 42 dies of (GLib-ERROR is SIGTRAP), sent to this session's daemon only.
    const control = join(keyring!.dir, 'run', 'keyring');
    const killed = await runToEnd('pkill', ['-TRAP', '-f', `gnome-keyring-daemon .*--control-directory=${control}`], { timeoutMs: 5000 });
    assert.equal(killed.code, 0, 'the daemon was found and signalled');
    const back = await runToEnd('gdbus', ['wait', '--session', '--timeout', '15', 'org.freedesktop.secrets'], { env: keyring!.env, timeoutMs: 20000 });
    assert.equal(back.code, 0, back.stderr);
    assert.match(keyring!.exited() ?? '', /gnome-keyring-daemon \(pid \d+\) exited unexpectedly .*SIGTRAP/);
    const r = await storeOps(keyring!.env, [{ op: 'get', ref, secretId: 'api', stage: 'current' }], WORKERS);
    assert.equal(r[0]!.value, value);
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

  // Last in this suite: it leaves the keyring locked.
  it('raises KeyringLockedError for get and set once the collection is locked (no prompt can be shown)', async () => {
    assert.equal((await probe('set', { ...keyring!.env })).ok, true, 'the probe item exists before locking');
    const lock = await runToEnd('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.Lock', "['/org/freedesktop/secrets/collection/login']"], { env: keyring!.env });
    assert.equal(lock.code, 0, lock.stderr);
    for (const op of ['get', 'set'] as const) {
      const r = await probe(op, { ...keyring!.env });
      assert.equal(r.errorClass, 'KeyringLockedError', JSON.stringify(r));
      assert.equal(r.code, 'store/keyring-locked');
      assert.match(r.message, /Unlock it/);
    }
  });
});

async function probe(op: 'get' | 'set', envPatch: Record<string, string | undefined>): Promise<{ ok: boolean; errorClass?: string; code?: string; message: string }> {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(envPatch)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = await runToEnd(process.execPath, [join(WORKERS, 'keychain-probe.js'), op], { env, timeoutMs: 20000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  assert.ok(line.startsWith('{'), `probe printed no result (exit ${r.code}): ${r.stderr.slice(-300)}`);
  return JSON.parse(line) as { ok: boolean; errorClass?: string; code?: string; message: string };
}

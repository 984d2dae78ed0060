import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { snapshotDir } from '../../helpers/system/snapshot';
import { startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { killGroup, requireSystem, runToEnd, spawnGroup, waitExit, waitForOutput } from '../../helpers/system/processes';
import type { KeychainOp } from './workers/keychain-ops';

// Every keychain call runs in a child (workers/keychain-ops.ts): @napi-rs/keyring keeps the first
// D-Bus connection a process makes, and a child can be SIGKILLed between two keychain calls.
const WORKER = join(snapshotDir(join(__dirname, 'workers')), 'keychain-ops.js');

interface Read {
  value: string | null;
  user: string | null;
}

describe('keychain store: a value and its user switch together (real gnome-keyring, SIGKILL between the calls of one write)', function () {
  this.timeout(120000);
  let keyring: SystemKeyring | undefined;
  const service = `rg-it-pair-${randomBytes(3).toString('hex')}`;

  before(async function () {
    keyring = await requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring);
  });
  after(async () => keyring?.stop());

  async function ops(list: KeychainOp[]): Promise<unknown[]> {
    const r = await runToEnd(process.execPath, [WORKER], { env: keyring!.env, input: JSON.stringify({ service, ops: list }), timeoutMs: 30000 });
    const m = /^RESULT (.*)$/m.exec(r.stdout);
    if (r.code !== 0 || !m) throw new Error(`keychain worker exited ${r.code}: ${r.stderr.slice(-300)}`);
    return JSON.parse(m[1]!) as unknown[];
  }

  /** Runs one operation and SIGKILLs its process right after its n-th call that changes an item. */
  async function killAfterChange(op: KeychainOp, n: number): Promise<void> {
    const child = spawnGroup(process.execPath, [WORKER], { env: keyring!.env });
    child.stdin!.end(JSON.stringify({ service, pauseAfter: n, ops: [op] }));
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitForOutput(child.stdout!, /^PAUSED \d+$/m, 20000, `keychain worker (pause after change ${n}; ${stderr.slice(-200)})`);
    } finally {
      killGroup(child, 'SIGKILL');
      await waitExit(child, 10000);
    }
    assert.equal(child.signalCode, 'SIGKILL', 'the worker was killed mid-write, not finished');
  }

  const read = async (secretId: string): Promise<Read> => (await ops([{ op: 'read', secretId, stage: 'current' }]))[0] as Read;
  const pair = (tag: string): { value: string; user: string } => ({ value: `${tag}-${randomBytes(12).toString('hex')}`, user: `app_${tag}` });

  it('set with a user: killed after each keychain call, the pair read back is the old one or the new one, never a mix; sweep then repairs the copies', async () => {
    const id = 'alt';
    const seen: string[] = [];
    for (const n of [1, 2, 3]) {
      const old = pair(`old${n}`);
      const next = pair(`new${n}`);
      await ops([{ op: 'set', secretId: id, stage: 'current', ...old }]);
      await killAfterChange({ op: 'set', secretId: id, stage: 'current', ...next }, n);
      const got = await read(id);
      const which = got.value === old.value && got.user === old.user ? 'old' : got.value === next.value && got.user === next.user ? 'new' : 'mixed';
      assert.notEqual(which, 'mixed', `killed after call ${n}: value of ${got.value === old.value ? 'old' : got.value === next.value ? 'new' : '?'}, user ${got.user}`);
      seen.push(which);
      // Tools that read ACCOUNT and ACCOUNT#user directly get the same pair once the next run swept.
      const [, bare, userCopy] = await ops([{ op: 'sweep', secretId: id }, { op: 'raw-get', account: id }, { op: 'raw-get', account: `${id}#user` }]);
      assert.deepEqual({ value: bare, user: userCopy }, got, `after kill ${n} and a sweep, the copies match the pair`);
    }
    // The first call is the switch: from then on the new pair is what every reader gets.
    assert.deepEqual(seen, ['new', 'new', 'new']);
  });

  it('set without a user keeps the pair\'s user, and delete: killed after each call, the old pair whole or the new state, never a value without its user', async () => {
    const id = 'alt-value-only';
    for (const n of [1, 2, 3]) {
      const old = pair(`p${n}`);
      await ops([{ op: 'set', secretId: id, stage: 'current', ...old }]);
      const value = `only-${randomBytes(12).toString('hex')}`;
      await killAfterChange({ op: 'set', secretId: id, stage: 'current', value }, n);
      assert.ok([JSON.stringify(old), JSON.stringify({ value, user: old.user })].includes(JSON.stringify(await read(id))), `set without user, killed after call ${n}`);

      await ops([{ op: 'set', secretId: id, stage: 'current', ...old }]);
      await killAfterChange({ op: 'delete', secretId: id, stage: 'current' }, n);
      assert.ok([JSON.stringify(old), JSON.stringify({ value: null, user: null })].includes(JSON.stringify(await read(id))), `delete, killed after call ${n}`);
    }
    const last = pair('last');
    await ops([{ op: 'set', secretId: id, stage: 'current', ...last }, { op: 'set', secretId: id, stage: 'current', value: 'value-only-after' }]);
    assert.deepEqual(await read(id), { value: 'value-only-after', user: last.user }, 'a finished set without a user keeps the user beside the value');
    const [, plain, pairItem] = await ops([{ op: 'set', secretId: 'single', stage: 'current', value: 'single-value' }, { op: 'read', secretId: 'single', stage: 'current' }, { op: 'raw-get', account: 'single#pair' }]);
    assert.deepEqual({ plain, pairItem }, { plain: { value: 'single-value', user: null }, pairItem: null }, 'a secret without users stays one item');
  });

  it('reads the layout of earlier versions (ACCOUNT + ACCOUNT#user) and moves it to one pair item on the next write', async () => {
    const id = 'legacy';
    const before = pair('legacy');
    await ops([{ op: 'raw-set', account: `${id}#pending#user`, text: before.user }, { op: 'raw-set', account: `${id}#pending`, text: before.value }]);
    const [r] = (await ops([{ op: 'read', secretId: id, stage: 'pending' }])) as Read[];
    assert.deepEqual(r, before);
    const next = pair('moved');
    const [, after, pairItem] = await ops([{ op: 'set', secretId: id, stage: 'pending', ...next }, { op: 'read', secretId: id, stage: 'pending' }, { op: 'raw-get', account: `${id}#pending#pair` }]);
    assert.deepEqual(after, next);
    assert.ok(typeof pairItem === 'string' && pairItem.includes(next.user), 'the pair item now holds the user');
    assert.deepEqual(await ops([{ op: 'delete', secretId: id, stage: 'pending' }, { op: 'read', secretId: id, stage: 'pending' }, { op: 'raw-get', account: `${id}#pending#pair` }, { op: 'raw-get', account: `${id}#pending#user` }]), [true, { value: null, user: null }, null, null]);
  });
});

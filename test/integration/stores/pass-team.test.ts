import assert from 'node:assert/strict';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassStore } from '../../../core/stores/pass';
import { PassTeamConflictError, PassTeamStore } from '../../../core/stores/pass-team';
import { StoreError } from '../../../core/stores/types';
import { makeTempDir, removeDir, requireSystem, runToEnd } from '../../helpers/system/processes';
import { cli, makeProject } from '../rotation/project';
import { machineSecret, policyYaml } from '../../helpers/policy';

/**
 * The team `pass` store for real: two members, each with a GPG key batch-generated here and only
 * the other's public key, two clones of one bare git repository, `pass` encrypting to both ids in
 * `.gpg-id`.
 */
interface Member {
  name: string;
  env: NodeJS.ProcessEnv;
  fingerprint: string;
  clone: string;
}

async function must(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  const r = await runToEnd(cmd, args, { env, input, timeoutMs: 60000 });
  if (r.code !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed (${r.code}): ${r.stderr.slice(-300)}`);
  return r.stdout;
}

async function makeMember(root: string, name: string): Promise<Member> {
  const gnupg = join(root, `${name}-gnupg`);
  mkdirSync(gnupg);
  chmodSync(gnupg, 0o700);
  const env: NodeJS.ProcessEnv = { ...process.env, GNUPGHOME: gnupg, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name}@example.invalid`, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: `${name}@example.invalid` };
  const gpg = (args: string[]) => must('gpg', ['--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], env);
  await gpg(['--quick-generate-key', `${name} <${name}@example.invalid>`, 'ed25519', 'sign', 'never']);
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(await must('gpg', ['--batch', '--with-colons', '--list-secret-keys'], env))![1]!;
  await gpg(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
  return { name, env, fingerprint, clone: join(root, `${name}-clone`) };
}

/** Gives `to` the public key of `from`, trusted (pass encrypts in batch mode, which needs trust). */
async function share(from: Member, to: Member): Promise<void> {
  const pub = await must('gpg', ['--batch', '--armor', '--export', from.fingerprint], from.env);
  await must('gpg', ['--batch', '--quiet', '--import'], to.env, pub);
  await must('gpg', ['--batch', '--quiet', '--import-ownertrust'], to.env, `${from.fingerprint}:6:\n`);
}

describe('pass-team store: two members, two clones of one bare repository (real gpg, pass and git)', function () {
  this.timeout(120000);
  let root: string;
  let alice: Member;
  let bob: Member;
  const team = (m: Member, path = 'team/{id}') => new PassTeamStore({ path, env: { ...m.env, PASSWORD_STORE_DIR: m.clone } });
  const plain = (m: Member, path = 'team/{id}') => new PassStore({ path, env: { ...m.env, PASSWORD_STORE_DIR: m.clone } });

  before(async function () {
    const ok = await requireSystem(this, 'pass + gpg + git', async () => {
      root = makeTempDir('pass-team');
      [alice, bob] = await Promise.all([makeMember(root, 'alice'), makeMember(root, 'bob')]);
      await share(alice, bob);
      await share(bob, alice);
      const bare = join(root, 'team.git');
      await must('git', ['init', '--quiet', '--bare', '-b', 'main', bare], alice.env);
      await must('git', ['clone', '--quiet', bare, alice.clone], alice.env);
      await must('git', ['-C', alice.clone, 'checkout', '--quiet', '-B', 'main'], alice.env);
      await must('pass', ['init', alice.fingerprint, bob.fingerprint], { ...alice.env, PASSWORD_STORE_DIR: alice.clone });
      await must('git', ['-C', alice.clone, 'push', '--quiet', '-u', 'origin', 'main'], alice.env);
      await must('git', ['clone', '--quiet', bare, bob.clone], bob.env);
      return true;
    });
    if (!ok) this.skip();
  });
  after(async () => {
    for (const m of [alice, bob]) if (m) await runToEnd('gpgconf', ['--kill', 'gpg-agent'], { env: m.env, timeoutMs: 10000 }).catch(() => undefined);
    removeDir(root);
  });

  it('a value alice writes is pushed; bob pulls it and decrypts it with his own key (encrypted to every .gpg-id)', async () => {
    assert.deepEqual(team(alice).recipients().sort(), [alice.fingerprint, bob.fingerprint].sort());
    await team(alice).set('openai', 'current', 'value-from-alice-1');
    assert.equal(await team(bob).get('openai', 'current'), 'value-from-alice-1');
    await team(bob).set('openai', 'pending', 'value-from-bob-2', 'svc-b');
    assert.equal(await team(alice).get('openai', 'pending'), 'value-from-bob-2');
    assert.equal(await team(alice).getUser('openai', 'pending'), 'svc-b');
    assert.equal(await team(alice).delete('openai', 'pending'), true);
    assert.equal(await team(bob).get('openai', 'pending'), null, 'the delete reached bob');
  });

  it('bob has an unpushed change to another entry: alice pushes first, bob\'s next write rebases onto hers and both land', async () => {
    await plain(bob).set('local-only', 'current', 'bob-unpushed');
    await team(alice).set('anthropic', 'current', 'alice-pushed');
    await team(bob).set('gemini', 'current', 'bob-pushed');
    assert.equal(await team(alice).get('local-only', 'current'), 'bob-unpushed', 'bob\'s earlier commit went with his push');
    assert.equal(await team(alice).get('gemini', 'current'), 'bob-pushed');
    assert.equal(await team(bob).get('anthropic', 'current'), 'alice-pushed');
  });

  it('both changed one entry: bob\'s write fails with a conflict error and nothing is lost on either side', async () => {
    await team(alice).set('shared', 'current', 'base');
    assert.equal(await team(bob).get('shared', 'current'), 'base');
    await plain(bob).set('shared', 'current', 'bob-local-edit');
    await team(alice).set('shared', 'current', 'alice-edit');
    await assert.rejects(team(bob).set('shared', 'current', 'bob-new'), (e: StoreError) => {
      assert.ok(e instanceof PassTeamConflictError);
      assert.equal(e.code, 'store/pass-team-conflict');
      assert.match(e.message, /Nothing was overwritten/);
      assert.ok(!/bob-local-edit|alice-edit|bob-new/.test(e.message), 'no value in the message');
      return true;
    });
    assert.equal(await plain(bob).get('shared', 'current'), 'bob-local-edit', 'bob\'s own commit is intact');
    const status = await must('git', ['-C', bob.clone, 'status', '--porcelain'], bob.env);
    assert.equal(status.trim(), '', 'no half-done rebase left behind');
    assert.equal(await team(alice).get('shared', 'current'), 'alice-edit', 'the remote keeps alice\'s value');
    // bob settles it the usual way: take the remote's version, then write again.
    await must('git', ['-C', bob.clone, 'reset', '--quiet', '--hard', 'origin/main'], bob.env);
    await team(bob).set('shared', 'current', 'bob-new');
    assert.equal(await team(alice).get('shared', 'current'), 'bob-new');
  });

  it('refuses a store that is not a git clone, has no .gpg-id, or that a policy places outside its folder or on the folder itself', async () => {
    const lone = join(root, 'lone');
    mkdirSync(lone);
    await assert.rejects(new PassTeamStore({ env: { ...alice.env, PASSWORD_STORE_DIR: lone } }).get('x', 'current'), (e: StoreError) => e.code === 'store/unavailable' && /not a git clone/.test(e.message));
    await must('git', ['init', '--quiet', lone], alice.env);
    await assert.rejects(new PassTeamStore({ env: { ...alice.env, PASSWORD_STORE_DIR: lone } }).get('x', 'current'), (e: StoreError) => /no \.gpg-id/.test(e.message));
    assert.throws(() => new PassTeamStore({ dir: '../elsewhere', baseDir: lone, env: alice.env }), (e: StoreError) => e.code === 'store/outside-repository');
    assert.throws(() => new PassTeamStore({ dir: '/etc', baseDir: lone, env: alice.env }), (e: StoreError) => e.code === 'store/outside-repository');
    assert.throws(() => new PassTeamStore({ dir: '.', baseDir: lone, env: alice.env }), (e: StoreError) => e.code === 'store/outside-repository', 'the policy\'s own repository is not a team store');
  });

  it('a rotation through the CLI as alice (store inside the project) is read by bob from his clone', async () => {
    const project = makeProject(
      policyYaml({
        version: 1,
        stores: { team: { type: 'pass-team', dir: 'team-pass', path: 'rg/{id}' } },
        providers: { random: { type: 'generate', length: 32 } },
        secrets: [machineSecret('svc-token', { kind: 'token', stores: ['team'], rotation: { provider: 'random' } })],
      }),
      alice.env,
    );
    try {
      await must('git', ['clone', '--quiet', join(root, 'team.git'), join(project.dir, 'team-pass')], alice.env);
      await team({ ...alice, clone: join(project.dir, 'team-pass') }, 'rg/{id}').set('svc-token', 'current', 'the-old-token-value');
      const r = await cli(project, ['rotate', 'svc-token', '--trust', '--yes']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const seen = await team(bob, 'rg/{id}').get('svc-token', 'current');
      assert.ok(seen && seen !== 'the-old-token-value' && seen.length === 32, 'bob reads the new value');
      assert.ok(!(r.stdout + r.stderr).includes(seen), 'no value in the output');
      assert.equal(await team(bob, 'rg/{id}').get('svc-token', 'pending'), null, 'no PENDING left in the shared store');
    } finally {
      project.cleanup();
    }
  });
});

import { strict as assert } from 'node:assert';
import type * as SystemPackagesModule from '../../../scripts/system-packages.mjs' with { 'resolution-mode': 'import' };

// The decision `npm start` and `npm test` take before anything else, with dpkg, root and sudo
// injected: nothing missing → nothing; root or passwordless sudo → apt-get commands that install
// exactly what is missing; otherwise one line naming it, and the command stops.
describe('system packages: what npm start and npm test install or name', () => {
  let m: typeof SystemPackagesModule;
  before(async () => {
    m = await import('../../../scripts/system-packages.mjs');
  });

  /** dpkg as a set: everything in the table is installed except `absent`. */
  const dpkgWithout = (...absent: string[]) => (pkgs: string[]) => new Set(pkgs.filter((p) => !absent.includes(p)));
  const asUser = { label: 'npm test', isRoot: false, canSudo: () => false };

  it('every package in the table is needed by a known command, for a reason, once', () => {
    const names = m.SYSTEM_PACKAGES.map((r) => r.pkg);
    assert.equal(new Set(names).size, names.length, 'a package listed twice');
    for (const row of m.SYSTEM_PACKAGES) {
      assert.ok(Object.keys(row.by).length > 0 && Object.keys(row.by).every((t) => (m.TARGETS as readonly string[]).includes(t)), row.pkg);
      assert.ok(row.why.length > 10, `${row.pkg} says why`);
    }
  });

  it('nothing missing: nothing to do, and sudo is not even asked', () => {
    let asked = false;
    const plan = m.planSystemPackages(['start'], { ...asUser, installed: dpkgWithout(), canSudo: () => (asked = true) });
    assert.deepEqual(plan, { action: 'none' });
    assert.equal(asked, false);
  });

  it('as root: apt-get update, then install exactly the missing packages, said in one line', () => {
    const plan = m.planSystemPackages(['start'], { ...asUser, label: 'npm start', isRoot: true, installed: dpkgWithout('libkrb5-dev', 'chromium', 'gnome-keyring') });
    assert.equal(plan.action, 'install');
    if (plan.action !== 'install') return;
    // chromium is not npm start's (the user's own browser opens the URL); the demo keyring is wanted
    assert.deepEqual(plan.packages, ['libkrb5-dev', 'gnome-keyring']);
    assert.equal(plan.say, 'npm start: installing Debian packages: libkrb5-dev gnome-keyring');
    assert.deepEqual(plan.commands, [
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'libkrb5-dev', 'gnome-keyring'],
    ]);
  });

  it('with passwordless sudo: the same commands through sudo -n', () => {
    const plan = m.planSystemPackages(['integration'], { ...asUser, canSudo: () => true, installed: dpkgWithout('redis-server') });
    assert.equal(plan.action, 'install');
    if (plan.action !== 'install') return;
    assert.deepEqual(plan.commands.map((c) => c.slice(0, 2)), [['sudo', '-n'], ['sudo', '-n']]);
    assert.deepEqual(plan.commands[1]!.slice(-1), ['redis-server']);
  });

  it('neither root nor sudo: one line naming what is missing and how to install it, and the command stops', () => {
    const plan = m.planSystemPackages(['unit', 'lsp', 'integration', 'e2e'], { ...asUser, installed: dpkgWithout('postgresql', 'chromium', 'systemd') });
    assert.equal(plan.action, 'stop');
    if (plan.action !== 'stop') return;
    assert.equal(plan.message.split('\n').length, 1);
    assert.match(plan.message, /^npm test: missing Debian packages: chromium postgresql \(and, optional: systemd\); run as root or with passwordless sudo/);
    assert.ok(plan.message.includes('sudo apt-get install -y chromium postgresql systemd'));
    assert.ok(plan.message.includes('ROTATION_GUARD_SKIP_SYSTEM=1'), 'the way to skip the system suites is named');
  });

  it('ROTATION_GUARD_SKIP_SYSTEM=1: the system services are not required (their suites skip), the tools still are', () => {
    const services = m.planSystemPackages(['unit', 'lsp', 'integration', 'e2e'], { ...asUser, skipSystem: true, installed: dpkgWithout('postgresql', 'mariadb-server', 'gnome-keyring', 'pass', 'neovim') });
    assert.deepEqual(services, { action: 'none' });
    const tools = m.planSystemPackages(['unit', 'lsp', 'integration', 'e2e'], { ...asUser, skipSystem: true, installed: dpkgWithout('postgresql', 'ripgrep') });
    assert.equal(tools.action, 'stop');
    if (tools.action === 'stop') assert.match(tools.message, /missing Debian packages: ripgrep;/);
  });

  it('only optional packages missing and no way to install them: named once, and the command goes on', () => {
    const plan = m.planSystemPackages(['start'], { ...asUser, label: 'npm start', installed: dpkgWithout('pass', 'gnupg') });
    assert.equal(plan.action, 'note');
    if (plan.action === 'note') assert.match(plan.message, /^npm start: not installed \(optional\): pass gnupg; /);
  });

  it('what each command needs: npm start builds code-server, npm test adds the browser and the services', () => {
    const start = m.packagesFor(['start']);
    assert.ok(start.required.includes('libkrb5-dev') && !start.required.includes('chromium') && !start.required.includes('postgresql'));
    const test = m.packagesFor(['unit', 'lsp', 'integration', 'e2e']);
    for (const p of ['chromium', 'postgresql', 'redis-server', 'mariadb-server', 'gnome-keyring', 'pass', 'neovim', 'libkrb5-dev']) assert.ok(test.required.includes(p), p);
  });

  it('dpkg on this machine answers for the packages it has and leaves out the ones it does not know', () => {
    const have = m.dpkgInstalled(['dpkg', 'rotation-guard-no-such-package']);
    assert.deepEqual([...have], ['dpkg']);
  });
});

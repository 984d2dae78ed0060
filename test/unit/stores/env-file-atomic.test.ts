import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvFileStore, PRIVATE_TMP_DIR } from '../../../core/stores/env-file';
import { tempProject } from '../../helpers/temp-project';

const WORKER = join(__dirname, 'workers/env-prepare.js');

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function filesHolding(dir: string, value: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && readFileSync(f).includes(value));
}

describe('env-file store: atomic writes leave nothing behind, never follow a symlink out', () => {
  let dir: string;
  let outside: string;
  const value = () => `v${randomBytes(12).toString('hex')}`;
  beforeEach(() => {
    dir = tempProject('rg-envatomic-').dir;
    outside = tempProject('rg-envoutside-').dir;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('writes through a 0600 temp file in a 0700 folder that ignores itself in git; only the env file holds the value after', async () => {
    const store = new EnvFileStore({ path: '.env.local', baseDir: dir });
    const v = value();
    const prepared = await store.prepareSet('s', 'current', v);
    const tmpDir = join(dir, PRIVATE_TMP_DIR);
    assert.equal(statSync(tmpDir).mode & 0o777, 0o700);
    assert.equal(readFileSync(join(tmpDir, '.gitignore'), 'utf8').split('\n').includes('*'), true);
    const temps = readdirSync(tmpDir).filter((f) => f.endsWith('.tmp'));
    assert.equal(temps.length, 1);
    assert.equal(statSync(join(tmpDir, temps[0]!)).mode & 0o777, 0o600);
    spawnSync('git', ['init', '-q'], { cwd: dir });
    const ignored = spawnSync('git', ['check-ignore', '-q', join(PRIVATE_TMP_DIR, temps[0]!)], { cwd: dir });
    assert.equal(ignored.status, 0, 'git ignores the temp file without any project .gitignore');
    await prepared.commit();
    assert.deepEqual(filesHolding(dir, v), [join(dir, '.env.local')]);
    assert.equal(await store.get('s', 'current'), v);
  });

  for (const how of ['exit', 'throw', 'SIGTERM', 'SIGINT']) {
    it(`a process that ends by ${how} with a prepared write removes its temp file`, async () => {
      const v = value();
      const child = spawn(process.execPath, [WORKER, dir, v, how === 'exit' || how === 'throw' ? how : 'wait'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const listed = await new Promise<string>((res) => child.stdout.once('data', (d: Buffer) => res(d.toString())));
      assert.match(listed, /\.tmp/, 'the temp file existed while the write was prepared');
      if (how.startsWith('SIG')) child.kill(how as NodeJS.Signals);
      const [code, signal] = await new Promise<[number | null, string | null]>((res) => child.once('exit', (c, s) => res([c, s])));
      if (how.startsWith('SIG')) assert.equal(signal, how, 'the process still dies of the signal');
      else assert.equal(code === 0, how === 'exit');
      assert.deepEqual(filesHolding(dir, v), [], 'no file holds the value');
    });
  }

  it('a temp file left by a SIGKILLed writer is git-ignored and swept by the next write; a live writer’s is kept', async () => {
    const v = value();
    const child = spawn(process.execPath, [WORKER, dir, v, 'wait'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise((res) => child.stdout.once('data', res));
    const other = join(dir, PRIVATE_TMP_DIR, `${child.pid}-0123456789ab.tmp`);
    writeFileSync(other, 'live writer');
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    assert.equal(filesHolding(dir, v).length, 1, 'SIGKILL cannot be caught: the temp file is left');
    // Debris of earlier versions, beside the file itself.
    const legacy = join(dir, `..env.local.rg-${deadPid()}-abcd1234.tmp`);
    writeFileSync(legacy, `S=${v}\n`);
    const live = join(dir, PRIVATE_TMP_DIR, `${process.pid}-0123456789ab.tmp`);
    writeFileSync(live, 'in progress');
    await new EnvFileStore({ path: '.env.local', baseDir: dir }).set('s', 'current', value());
    assert.deepEqual(filesHolding(dir, v), [], 'the next write swept both');
    assert.equal(existsSync(legacy), false);
    assert.equal(existsSync(live), true, 'a live process’s temp file is not touched');
    rmSync(live);
  });

  it('refuses a symlinked env file and a folder symlink that leads out of the policy folder; the target is untouched', async () => {
    const victim = join(outside, 'victim.env');
    writeFileSync(victim, 'KEEP=1\n');
    symlinkSync(victim, join(dir, '.env.local'));
    const store = new EnvFileStore({ path: '.env.local', baseDir: dir });
    await assert.rejects(store.preflight(), (e: Error & { code?: string }) => e.code === 'store/symlink');
    await assert.rejects(store.set('s', 'current', value()), (e: Error & { code?: string }) => e.code === 'store/symlink');
    symlinkSync(outside, join(dir, 'conf'));
    const viaDir = new EnvFileStore({ path: 'conf/app.env', baseDir: dir });
    await assert.rejects(viaDir.set('s', 'current', value()), (e: Error & { code?: string }) => e.code === 'store/symlink' && /leads out/.test(e.message));
    assert.equal(readFileSync(victim, 'utf8'), 'KEEP=1\n');
    assert.deepEqual(readdirSync(outside).sort(), ['victim.env']);
  });

  it('a folder symlink that stays inside the policy folder is fine', async () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    const v = value();
    await new EnvFileStore({ path: 'alias/.env', baseDir: dir }).set('s', 'current', v);
    assert.match(readFileSync(join(dir, 'real/.env'), 'utf8'), new RegExp(v));
  });

  it('preflight refuses a git-tracked file and a read-only folder before any value exists', async () => {
    spawnSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(join(dir, '.env'), 'A=1\n');
    spawnSync('git', ['add', '.env'], { cwd: dir });
    await assert.rejects(new EnvFileStore({ path: '.env', baseDir: dir }).preflight(), (e: Error & { code?: string }) => e.code === 'store/git-tracked');
    if (process.getuid?.() === 0) return; // root writes anywhere: the permission check cannot fail here
    mkdirSync(join(dir, 'ro'), { mode: 0o500 });
    await assert.rejects(new EnvFileStore({ path: 'ro/.env', baseDir: dir }).preflight(), (e: Error & { code?: string }) => e.code === 'store/not-writable');
  });
});

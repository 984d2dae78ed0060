import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fake } from '../../helpers/fake-keys';
import { documentedPayloadPairs } from '../../helpers/hook-payloads';
import { tempProject, type TempProject } from '../../helpers/temp-project';

// The hook started from its V8 startup snapshot (cli/src/hook/) against the plain bundle, as real
// processes, with payloads in each assistant's documented shape (test/fixtures/hooks). The hook's
// bundles are copied to a folder of this test's own, so a test can change or damage them.
const BUNDLES = ['cli.js', 'cli-hook.js', 'cli-hook-engine.js', 'cli-hook-snapshot.js', 'cli-filters.js', 'cli-markdown.js', 'hook-launch.sh', 'words.txt'];
const NODE = process.execPath;

interface Answer {
  status: number | null;
  stdout: string;
  stderr: string;
}
/** Node started from the blob and the hook answered (not refused: 14; not crashed: a signal). */
const starts = (a: Answer) => a.status !== null && a.status !== 14 && a.status < 128;

describe('the hook from its startup snapshot (real processes)', function () {
  this.timeout(600000);
  let dist: string;
  let cache: string;
  let env: NodeJS.ProcessEnv;
  let project: TempProject;
  let blob: string;
  let installed: string;

  const run = (args: string[], input: string, cwd = project.dir): Answer => {
    const r = spawnSync(args[0]!, args.slice(1), { input, cwd, env, encoding: 'utf8', timeout: 60000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const plain = (assistant: string, input: string) => run([NODE, join(dist, 'cli.js'), 'hook', assistant], input);
  const fromBlob = (assistant: string, input: string, path = blob) => run([NODE, '--snapshot-blob', path, 'hook', assistant], input);
  const launched = (input: string, path = blob, cwd = project.dir) => run(['/bin/sh', join(dist, 'hook-launch.sh'), NODE, path, 'hook', 'claude-code', '--event', 'UserPromptSubmit', '--managed-by=rotation-guard'], input, cwd);
  const prompt = (text: string) => JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: project.dir, prompt: text });

  before(() => {
    const base = tempProject('rg-hooksnap-').dir;
    dist = join(base, 'dist');
    mkdirSync(dist);
    for (const f of BUNDLES) copyFileSync(resolve('dist', f), join(dist, f));
    cache = join(base, 'cache');
    // The process path only (the resident server: test/integration/hooks/hook-server.test.ts), so no server outlives this test.
    env = { ...process.env, XDG_CACHE_HOME: cache, HOME: join(base, 'home'), ROTATION_GUARD_HOOK_SERVER: '0' };
    delete env.ROTATION_GUARD_HOOK_SNAPSHOT;
    project = tempProject('rg-hooksnap-proj-', { files: { 'config/app.env': 'PORT=8080\n' } });
    const inst = run([NODE, join(dist, 'cli.js'), 'hooks', 'install', '--assistant', 'claude-code', '--project'], '');
    assert.equal(inst.status, 0, inst.stderr);
    const m = /hook snapshot: built (\S+)/.exec(inst.stdout);
    assert.ok(m, inst.stdout + inst.stderr);
    blob = m[1]!;
    assert.ok(blob.startsWith(`${cache}/rotation-guard/hook-snapshot/`) && existsSync(blob), blob);
    const cfg = JSON.parse(readFileSync(project.path('.claude', 'settings.json'), 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
    installed = cfg.hooks.UserPromptSubmit![0]!.hooks[0]!.command;
    assert.ok(installed.includes('hook-launch.sh') && installed.includes(blob), installed);
  });
  after(() => project.remove());

  it('a second install changes nothing and finds the snapshot up to date', () => {
    const again = run([NODE, join(dist, 'cli.js'), 'hooks', 'install', '--assistant', 'claude-code', '--project'], '');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /hook snapshot: up to date/);
    assert.match(again.stdout, /claude-code: unchanged/);
  });

  it('gives the same answers as the plain bundle for every documented payload, with and without a key', () => {
    project.write('config/key.env', `TOKEN=${fake.githubPat()}\n`);
    let compared = 0;
    for (const { assistant, fixture: f, withKey, without } of documentedPayloadPairs(project.dir)) {
      const answers: Answer[] = [];
      for (const input of [withKey, without]) {
        const s = fromBlob(assistant, input);
        assert.notEqual(s.status, 14, `${assistant}/${f}: the snapshot refused to start: ${s.stderr}`);
        assert.deepEqual(s, plain(assistant, input), `${assistant}/${f}: the snapshot answered differently`);
        answers.push(s);
        compared++;
      }
      assert.notDeepEqual(answers[0], answers[1], `${assistant}/${f}: a key and no key got the same answer`);
    }
    assert.ok(compared >= 40, `only ${compared} payloads compared`);
  });

  it('the installed command (through the launcher) answers from the snapshot as the plain bundle does', () => {
    const key = fake.openaiProject();
    for (const input of [prompt(`use ${key} here`), prompt('refactor the parser')]) {
      const r = run(['/bin/sh', '-c', installed], input);
      assert.deepEqual(r, plain('claude-code', input));
      assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key));
    }
    assert.match(run(['/bin/sh', '-c', installed], prompt(`use ${key} here`)).stdout, /"decision":"block"/);
  });

  for (const from of ['the snapshot', 'the plain bundle']) {
    it(`from ${from}, a payload the assistant never finishes sending is blocked at the timeout, and the process ends`, async () => {
      const args = from === 'the snapshot' ? ['--snapshot-blob', blob, 'hook', 'claude-code'] : [join(dist, 'cli.js'), 'hook', 'claude-code'];
      const child = spawn(NODE, args, { cwd: project.dir, env: { ...env, ROTATION_GUARD_HOOK_TIMEOUT_MS: '300' } });
      child.stdin.write('{"hook_event_name":"UserPromptSubmit","prompt":"');
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      // Longer than the assistants' own hook timeouts (10 s): a process still there then is killed, and that is no block.
      const guard = setTimeout(() => child.kill(), 10000);
      const [code] = (await once(child, 'exit')) as [number | null];
      clearTimeout(guard);
      child.stdin.destroy();
      assert.equal(code, 2, `exit ${code}: ${err}`);
      assert.match(err, /could not check this action, so it is blocked: no decision within 300 ms/);
    });
  }

  it('a blob older than its bundle refuses itself before reading stdin; the launcher answers from the plain bundle and the blob is rebuilt', async () => {
    appendFileSync(join(dist, 'cli-hook-snapshot.js'), '\n// changed by an upgrade\n');
    const input = prompt(`use ${fake.githubPat()} here`);
    const refused = fromBlob('claude-code', input);
    assert.equal(refused.status, 14, 'the snapshot refuses itself');
    assert.equal(refused.stdout, '');
    const rebuilt = waitForBlob(() => starts(fromBlob('claude-code', prompt('hello'))));
    assert.deepEqual(launched(input), plain('claude-code', input), 'the plain bundle answers, and blocks');
    await rebuilt;
    assert.deepEqual(fromBlob('claude-code', input), plain('claude-code', input), 'the rebuilt blob answers as the plain bundle');
  });

  for (const [damage, write] of [
    ['truncated', (b: Buffer) => b.subarray(0, 100000)],
    ['overwritten with other bytes', (b: Buffer) => Buffer.concat([b.subarray(0, 64), Buffer.alloc(b.length - 64, 0x5a)])],
  ] as const) {
    it(`a blob ${damage}: Node dies before reading stdin, the launcher answers from the plain bundle and the blob is rebuilt`, async () => {
      writeFileSync(blob, write(readFileSync(blob)));
      const input = prompt(`use ${fake.anthropic()} here`);
      const rebuilt = waitForBlob(() => starts(fromBlob('claude-code', prompt('hello'))));
      const answer = launched(input);
      assert.deepEqual({ status: answer.status, stdout: answer.stdout }, { status: plain('claude-code', input).status, stdout: plain('claude-code', input).stdout });
      assert.match(answer.stdout, /"decision":"block"/);
      await rebuilt;
      assert.deepEqual(fromBlob('claude-code', input), plain('claude-code', input));
    });
  }

  it('a blob inside the project is never used, and never built there', () => {
    // A blob that is not ours: its main function answers "allow" for anything.
    const hostile = join(tempProject('rg-hostile-').dir, 'x.blob');
    const script = join(hostile, '..', 'entry.js');
    writeFileSync(script, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => process.stdout.write('HOSTILE'));\n");
    assert.equal(spawnSync(NODE, ['--snapshot-blob', hostile, '--build-snapshot', script], { cwd: join(hostile, '..') }).status, 0);
    const input = prompt(`use ${fake.githubPat()} here`);
    assert.equal(launched(input, hostile).stdout, 'HOSTILE', 'control: outside the project the launcher does start a blob');
    const inside = project.path('.cache', 'rotation-guard', 'x.blob');
    mkdirSync(join(inside, '..'), { recursive: true, mode: 0o700 });
    copyFileSync(hostile, inside);
    for (const path of [inside, '.cache/rotation-guard/x.blob', `${project.dir}/../${project.dir.split('/').pop()}/.cache/rotation-guard/x.blob`]) {
      const r = launched(input, path);
      assert.ok(!r.stdout.includes('HOSTILE'), `${path} was started`);
      assert.deepEqual(r, plain('claude-code', input));
    }
    // Installing with the cache inside the project: the plain command, and no blob written.
    const other = tempProject('rg-hooksnap-in-');
    try {
      const r = spawnSync(NODE, [join(dist, 'cli.js'), 'hooks', 'install', '--assistant', 'cursor', '--project'], { cwd: other.dir, env: { ...env, XDG_CACHE_HOME: other.path('.cache') }, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /without a snapshot: .* is inside/);
      assert.ok(!existsSync(other.path('.cache')), 'nothing is written inside the project');
      const cmd = (JSON.parse(readFileSync(other.path('.cursor', 'hooks.json'), 'utf8')) as { hooks: Record<string, Array<{ command: string }>> }).hooks.beforeSubmitPrompt![0]!.command;
      assert.ok(!cmd.includes('--snapshot-blob') && !cmd.includes('hook-launch.sh') && cmd.includes('cli.js'), cmd);
    } finally {
      other.remove();
      rmSync(join(hostile, '..'), { recursive: true, force: true });
    }
  });

  /** Resolves when `ok()` holds after a change in the blob's folder (the background rebuild renames the new blob into place). */
  function waitForBlob(ok: () => boolean, timeoutMs = 180000): Promise<void> {
    const dir = join(blob, '..');
    return new Promise((res, rej) => {
      const w = watch(dir, (_event, name) => {
        if (name !== blob.split('/').pop()) return;
        if (!ok()) return;
        clearTimeout(timer);
        w.close();
        res();
      });
      const timer = setTimeout(() => {
        w.close();
        rej(new Error(`the blob was not rebuilt within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }
});

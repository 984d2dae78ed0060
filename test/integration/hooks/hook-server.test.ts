import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { readState } from '../../../cli/src/hook/server-state';
import { keyedFingerprint } from '../../../core/values/fingerprint';
import { appendLedgerEntry, readLedger } from '../../../core/ledger/index';
import { fake } from '../../helpers/fake-keys';
import { documentedPayloadPairs } from '../../helpers/hook-payloads';
import { tempProject, type TempProject } from '../../helpers/temp-project';

// The launcher (dist/hook-launch.sh) run by bash asks the resident hook server (`rotation-guard
// hook-server`); run by sh it starts the hook as a process, as before. Real processes throughout:
// the answers through the server are compared with the process's, byte for byte. The launcher
// writes one line per call to ROTATION_GUARD_HOOK_SERVER_TRACE saying which way it went.
const BUNDLES = ['cli.js', 'cli-hook.js', 'cli-hook-engine.js', 'cli-hook-snapshot.js', 'cli-filters.js', 'cli-markdown.js', 'hook-launch.sh', 'words.txt'];
const NODE = process.execPath;

interface Answer {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('the resident hook server (real processes)', function () {
  this.timeout(600000);
  let base: string;
  let dist: string;
  let env: NodeJS.ProcessEnv;
  let project: TempProject;
  let blob: string;
  let state: string;
  let trace: string;
  let server: ChildProcess | undefined;

  const run = (args: string[], input: string, extra: NodeJS.ProcessEnv = {}): Answer => {
    const r = spawnSync(args[0]!, args.slice(1), { input, cwd: project.dir, env: { ...env, ...extra }, encoding: 'utf8', timeout: 60000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const launcher = () => join(dist, 'hook-launch.sh');
  /** The hook as a process, as sh runs the launcher (the answer the server must give). */
  const asProcess = (args: string[], input: string, extra: NodeJS.ProcessEnv = {}) => run(['/bin/sh', launcher(), NODE, blob, 'hook', ...args], input, extra);
  /** Through the server when it can answer; returns the trace line too. */
  const viaServer = (args: string[], input: string, extra: NodeJS.ProcessEnv = {}): Answer & { way: string } => {
    writeFileSync(trace, '');
    const a = run(['/bin/bash', launcher(), NODE, blob, 'hook', ...args], input, extra);
    return { ...a, way: readFileSync(trace, 'utf8').trim() };
  };
  /** As viaServer, without blocking this process's event loop (a stand-in server in this process must answer meanwhile). */
  const viaServerAsync = async (args: string[], input: string): Promise<Answer & { way: string }> => {
    writeFileSync(trace, '');
    const child = spawn('/bin/bash', [launcher(), NODE, blob, 'hook', ...args], { cwd: project.dir, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.end(input);
    const [code] = (await once(child, 'close')) as [number | null];
    return { status: code, stdout: out, stderr: err, way: readFileSync(trace, 'utf8').trim() };
  };
  const answerOf = (a: Answer & { way?: string }): Answer => ({ status: a.status, stdout: a.stdout, stderr: a.stderr });
  const prompt = (text: string) => JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: project.dir, prompt: text });

  /** Starts a server of this test's own and waits for it to listen; launchers then start none of theirs (the `.failed` mark). */
  async function startServer(): Promise<void> {
    const child = spawn(NODE, [join(dist, 'cli.js'), 'hook-server', '--state', state, '--idle-ms', '600000'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((res, rej) => {
      child.stdout!.on('data', () => out.includes('listening') && res());
      child.once('exit', (code) => rej(new Error(`the server exited ${code}: ${out}`)));
    });
    server = child;
    noAutoStart();
  }
  async function stopServer(): Promise<void> {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  const noAutoStart = () => writeFileSync(`${state}.failed`, `${Math.floor(Date.now() / 1000)}\n`, { mode: 0o600 });

  before(async () => {
    base = tempProject('rg-hookserver-').dir;
    dist = join(base, 'dist');
    mkdirSync(dist);
    for (const f of BUNDLES) copyFileSync(resolve('dist', f), join(dist, f));
    trace = join(base, 'trace');
    env = { ...process.env, XDG_CACHE_HOME: join(base, 'cache'), HOME: join(base, 'home'), ROTATION_GUARD_HOOK_SERVER_TRACE: trace };
    for (const k of ['ROTATION_GUARD_HOOK_SNAPSHOT', 'ROTATION_GUARD_HOOK_SERVER', 'ROTATION_GUARD_HOOK_TIMEOUT_MS', 'ROTATION_GUARD_FINGERPRINT_KEY']) delete env[k];
    project = tempProject('rg-hookserver-proj-', { files: { 'config/app.env': 'PORT=8080\n' } });
    const inst = run([NODE, join(dist, 'cli.js'), 'hooks', 'install', '--assistant', 'claude-code', '--project'], '');
    assert.equal(inst.status, 0, inst.stderr);
    blob = /hook snapshot: built (\S+)/.exec(inst.stdout)![1]!;
    state = blob.replace(/\.blob$/, '.server');
    const cfg = JSON.parse(readFileSync(project.path('.claude', 'settings.json'), 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
    const installed = cfg.hooks.UserPromptSubmit![0]!.hooks[0]!.command;
    if (existsSync('/bin/bash')) assert.ok(installed.startsWith(`"/bin/bash" "${launcher()}"`), installed);
    await startServer();
  });
  after(async () => {
    await stopServer();
    project.remove();
    rmSync(base, { recursive: true, force: true });
  });

  it('answers byte for byte as the hook process, for block and allow payloads of every assistant', () => {
    project.write('config/key.env', `TOKEN=${fake.githubPat()}\n`);
    let compared = 0;
    for (const { assistant, fixture: f, withKey, without } of documentedPayloadPairs(project.dir)) {
      const answers: Answer[] = [];
      for (const input of [withKey, without]) {
        const s = viaServer([assistant], input);
        assert.equal(s.way, 'server', `${assistant}/${f}: not answered by the server`);
        assert.deepEqual(answerOf(s), asProcess([assistant], input), `${assistant}/${f}: the server answered differently`);
        answers.push(answerOf(s));
        compared++;
      }
      assert.notDeepEqual(answers[0], answers[1], `${assistant}/${f}: a key and no key got the same answer`);
    }
    assert.ok(compared >= 40, `only ${compared} payloads compared`);
  });

  it('answers with the environment, folder and arguments of the request (--event, an unknown assistant, a payload that is not JSON)', () => {
    const key = fake.openaiProject();
    const cases: Array<[string[], string]> = [
      [['claude-code', '--event', 'UserPromptSubmit', '--managed-by=rotation-guard'], prompt(`use ${key}`)],
      [['gemini-cli', '--event', 'BeforeAgent'], JSON.stringify({ prompt: `use ${key}`, cwd: project.dir })],
      [['no-such-assistant'], prompt('hello')],
      [['cursor'], '{"prompt": "unterminated'],
      [['claude-code'], ''],
    ];
    for (const [args, input] of cases) {
      const s = viaServer(args, input);
      assert.equal(s.way, 'server', args.join(' '));
      assert.deepEqual(answerOf(s), asProcess(args, input), args.join(' '));
      assert.ok(!s.stdout.includes(key) && !s.stderr.includes(key));
    }
  });

  it('a payload the assistant never finishes sending is blocked at the hook timeout, as the process blocks it', async () => {
    const partial = async (shell: string) => {
      writeFileSync(trace, '');
      const child = spawn(shell, [launcher(), NODE, blob, 'hook', 'claude-code'], { cwd: project.dir, env: { ...env, ROTATION_GUARD_HOOK_TIMEOUT_MS: '300' } });
      child.stdin.write('{"hook_event_name":"UserPromptSubmit","prompt":"');
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const guard = setTimeout(() => child.kill(), 10000);
      const [code] = (await once(child, 'exit')) as [number | null];
      clearTimeout(guard);
      child.stdin.destroy();
      return { status: code, stdout: out, stderr: err, way: readFileSync(trace, 'utf8').trim() };
    };
    const s = await partial('/bin/bash');
    assert.equal(s.way, 'server');
    assert.equal(s.status, 2, s.stderr);
    assert.match(s.stderr, /could not check this action, so it is blocked: no decision within 300 ms/);
    const p = await partial('/bin/sh');
    assert.deepEqual(answerOf(s), answerOf(p));
  });

  it('picks up a policy change: a known secret\'s value is recorded as exposed once the policy and ledger say so', async () => {
    const key = fake.openaiProject();
    const fpKey = randomBytes(32).toString('base64');
    const extra = { ROTATION_GUARD_FINGERPRINT_KEY: fpKey };
    const input = prompt(`deploy with ${key}`);
    const earlier = viaServer(['claude-code'], input, extra);
    assert.equal(earlier.way, 'server');
    assert.deepEqual(answerOf(earlier), asProcess(['claude-code'], input, extra));
    const policy = project.writePolicy('version: 1\n');
    const ledger = project.path('.rotation', 'ledger.jsonl');
    await appendLedgerEntry(ledger, { secretId: 'openai-prod', step: 'store', outcome: 'ok', newFingerprint: keyedFingerprint(key, Buffer.from(fpKey, 'base64')) });
    try {
      const later = viaServer(['claude-code'], input, extra);
      assert.equal(later.way, 'server');
      assert.notDeepEqual(answerOf(later), answerOf(earlier), 'the policy made no difference to the server');
      assert.match(later.stdout, /known-secret/);
      const marks = readLedger(ledger).entries.filter((e) => e.event === 'exposed-to-assistant');
      assert.equal(marks.length, 1, 'the server recorded the exposure');
      assert.ok(!readFileSync(ledger, 'utf8').includes(key));
      assert.deepEqual(answerOf(later), asProcess(['claude-code'], input, extra));
    } finally {
      rmSync(policy);
      rmSync(project.path('.rotation'), { recursive: true, force: true });
    }
  });

  it('refuses a connection with a wrong token: nothing is sent back and the connection is closed', async () => {
    const s = readState(state)!;
    const talk = async (token: string) => {
      const socket = connect(s.port, '127.0.0.1');
      let got = '';
      socket.on('data', (d: Buffer) => (got += d.toString()));
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.write(`${token}\0`);
      return { socket, got: () => got };
    };
    const wrong = await talk(randomBytes(32).toString('hex'));
    await once(wrong.socket, 'close');
    assert.equal(wrong.got(), '');
    const right = await talk(s.client);
    await once(right.socket, 'data');
    assert.match(right.got(), new RegExp(`^${s.server}\0[0-9a-f]{48}\0$`), 'control: the right token is answered (its token and a ticket)');
    right.socket.destroy();
  });

  it('a state file open to others is not used, and the server stops and removes it', async () => {
    chmodSync(state, 0o644);
    const input = prompt(`use ${fake.githubPat()}`);
    const s = viaServer(['claude-code'], input);
    assert.match(s.way, /open to others/);
    assert.deepEqual(answerOf(s), asProcess(['claude-code'], input));
    assert.match(s.stdout, /"decision":"block"/);
    const child = server!;
    if (child.exitCode === null) await once(child, 'exit');
    assert.ok(!existsSync(state), 'the server removed the state file whose tokens others could read');
    server = undefined;
    await startServer();
  });

  describe('a server that is not ours or not there', () => {
    let impostor: Server | undefined;
    beforeEach(async () => {
      await stopServer();
      noAutoStart();
    });
    afterEach(async () => {
      impostor?.close();
      impostor = undefined;
      rmSync(state, { force: true });
      await startServer();
    });
    const writeStateFor = (port: number, client: string, serverToken: string) => writeFileSync(state, `RGHOOK1\n${port}\n${client}\n${serverToken}\n`, { mode: 0o600 });
    const listen = async (onSocket: (s: Socket) => void) => {
      impostor = createServer(onSocket);
      impostor.listen(0, '127.0.0.1');
      await once(impostor, 'listening');
      return (impostor.address() as { port: number }).port;
    };

    it('nothing listening: the hook starts as a process and blocks a key', async () => {
      const port = await listen(() => undefined);
      impostor!.close();
      await once(impostor!, 'close');
      writeStateFor(port, randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
      const input = prompt(`use ${fake.githubPat()}`);
      const s = await viaServerAsync(['claude-code'], input);
      assert.equal(s.way, 'process: no server listening');
      assert.deepEqual(answerOf(s), asProcess(['claude-code'], input));
      assert.match(s.stdout, /"decision":"block"/);
    });

    it('a server answering garbage (it does not know the server token): the hook starts as a process and blocks a key', async () => {
      const port = await listen((sock) => {
        sock.on('error', () => undefined);
        sock.on('data', () => sock.write(`${randomBytes(32).toString('hex')}\0A\x000\0\0\0`));
      });
      writeStateFor(port, randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
      for (const assistant of ['claude-code', 'cursor']) {
        const input = assistant === 'cursor' ? JSON.stringify({ hook_event_name: 'beforeSubmitPrompt', prompt: `use ${fake.githubPat()}`, workspace_roots: [project.dir] }) : prompt(`use ${fake.githubPat()}`);
        const s = await viaServerAsync([assistant], input);
        assert.equal(s.way, 'process: the server did not prove itself');
        assert.deepEqual(answerOf(s), asProcess([assistant], input));
        assert.match(s.stdout, /"decision":"block"|"continue":false/, `${assistant} was let through`);
      }
    });

    it('a server that accepts and never answers: after a bounded wait (1 s) the hook starts as a process and blocks a key', async () => {
      const port = await listen((sock) => sock.on('error', () => undefined));
      writeStateFor(port, randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
      const input = prompt(`use ${fake.githubPat()}`);
      const started = Date.now();
      const s = await viaServerAsync(['claude-code'], input);
      assert.equal(s.way, 'process: the server did not prove itself');
      assert.ok(Date.now() - started < 10000, 'the launcher waited past the 10 s hook timeout hooks install writes');
      assert.deepEqual(answerOf(s), asProcess(['claude-code'], input));
      assert.match(s.stdout, /"decision":"block"/);
    });

    it('a server that proves itself, takes the payload and gives no answer: even an ordinary prompt is blocked', async () => {
      const client = randomBytes(32).toString('hex');
      const serverToken = randomBytes(32).toString('hex');
      const ticket = randomBytes(24).toString('hex');
      let received = '';
      const open: Socket[] = [];
      const port = await listen((sock) => {
        sock.on('error', () => undefined);
        let buf = '';
        let stage = 0;
        sock.on('data', (d: Buffer) => {
          buf += d.toString('utf8');
          if (stage === 0 && buf.startsWith(`${client}\0`)) {
            stage = 1;
            sock.write(`${serverToken}\0${ticket}\0`);
          } else if (stage === 0 && buf.startsWith(`${ticket}\0`)) {
            stage = 3;
            sock.write(`${serverToken}\0`);
            // The payload connection: read it, then drop every connection without an answer.
            sock.on('end', () => {
              received = buf.slice(ticket.length + 1);
              for (const s of open) s.destroy();
            });
          }
        });
        open.push(sock);
      });
      writeStateFor(port, client, serverToken);
      const input = prompt('refactor the parser and keep the tests green');
      const s = await viaServerAsync(['claude-code'], input);
      assert.equal(received, input, 'the impostor got the payload');
      assert.equal(s.way, 'process: the server took the payload and gave no answer');
      assert.equal(s.status, 2);
      assert.match(s.stderr, /could not check this action, so it is blocked: the resident hook server took the payload and gave no answer/);
      assert.equal(asProcess(['claude-code'], input).status, 0, 'control: the process lets this prompt through');
    });
  });

  it('after an upgrade (a bundle changed) the server declines and stops; the process answers', async () => {
    appendFileSync(join(dist, 'cli-hook-engine.js'), '\n// changed by an upgrade\n');
    const input = prompt(`use ${fake.anthropic()}`);
    const s = viaServer(['claude-code'], input);
    assert.match(s.way, /^process: the server declined/);
    assert.deepEqual(answerOf(s), asProcess(['claude-code'], input));
    const child = server!;
    if (child.exitCode === null) await once(child, 'exit');
    server = undefined;
    await startServer();
    assert.equal(viaServer(['claude-code'], input).way, 'server', 'a new server answers with the new bundle');
  });

  it('the first call starts the server (detached); the next ones are answered by it', async () => {
    await stopServer();
    rmSync(`${state}.failed`, { force: true });
    const started = waitFor(() => readState(state) !== undefined);
    const input = prompt(`use ${fake.githubPat()}`);
    const first = viaServer(['claude-code'], input);
    assert.equal(first.way, 'process: no server state file');
    await started;
    const pid = Number(readFileSync(`${state}.lock`, 'utf8'));
    try {
      const next = viaServer(['claude-code'], input);
      assert.equal(next.way, 'server');
      assert.deepEqual(answerOf(next), answerOf(first));
    } finally {
      // The server this test's launcher started, by its id.
      const gone = waitFor(() => !existsSync(state));
      process.kill(pid, 'SIGTERM');
      await gone;
    }
    await startServer();
  });

  /** Resolves when `ok()` holds after a change in the state file's folder. */
  function waitFor(ok: () => boolean, timeoutMs = 60000): Promise<void> {
    const dir = join(state, '..');
    return new Promise((res, rej) => {
      const w = watch(dir, () => {
        if (!ok()) return;
        clearTimeout(timer);
        w.close();
        res();
      });
      const timer = setTimeout(() => {
        w.close();
        rej(new Error(`no change within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }
});

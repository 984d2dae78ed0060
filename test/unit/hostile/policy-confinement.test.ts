import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run as check } from '../../../cli/src/commands/check';
import type { CliIO } from '../../../cli/src/io';
import { createPolicyStoreRegistry, resolvePlan } from '../../../core/rotation';
import { PolicyConfinementError } from '../../../core/policy/check/confine';
import { loadPolicyFile } from '../../../core/policy';
import { projectPerTest } from '../../helpers/temp-project';

const CLI = resolve('dist/cli.js');

/** The probe of issue #19 item 1: a `generate` secret (no trust needed) whose env-file store points out of the repository. */
function hostilePolicy(storePath: string, extra = ''): string {
  return `version: 1
stores:
  victim:
    type: env-file
    path: ${storePath}
${extra}providers:
  random:
    type: generate
    length: 24
secrets:
  - id: app-token
    kind: token
    owner: machine
    maxAge: 30d
    stores: [victim]
    rotation:
      provider: random
    references:
      env: [APP_TOKEN]
`;
}

function memoryIO(cwd: string, env: NodeJS.ProcessEnv): CliIO & { out: string } {
  const io = { cwd, env, out: '', stdout: (t: string) => void (io.out += t), stderr: () => undefined, readStdin: async () => '' };
  return io;
}

interface CheckJson {
  problems: Array<{ line: number; column: number; code: string; severity: string; message: string }>;
}

describe('hostile policy: paths outside the repository and reserved env vars (#19 item 1)', () => {
  let tmp: string;
  let repo: string;
  let outside: string;
  let env: NodeJS.ProcessEnv;
  const temp = projectPerTest('rg-hostile-policy-');
  beforeEach(() => {
    tmp = temp.project.dir;
    repo = join(tmp, 'repo');
    outside = join(tmp, 'outside');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(outside);
    // Private config dir: trust confirmations and allowed-paths of this test only.
    env = { ...process.env, XDG_CONFIG_HOME: join(tmp, 'config'), HOME: join(tmp, 'home') };
  });

  const write = (text: string) => writeFileSync(join(repo, 'rotation-policy.yaml'), text);
  const cliRun = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: repo, env, encoding: 'utf8', timeout: 60000 });

  async function problems(): Promise<CheckJson['problems']> {
    const io = memoryIO(repo, env);
    const code = await check(['--format', 'json'], io);
    const out = JSON.parse(io.out) as CheckJson;
    if (out.problems.some((p) => p.severity === 'error')) assert.equal(code, 1);
    return out.problems;
  }

  it('check reports policy/path-outside-workspace at the exact position of ../outside/victim.env and of an absolute path', async () => {
    for (const p of ['../outside/victim.env', join(outside, 'victim.env')]) {
      write(hostilePolicy(p));
      const found = (await problems()).filter((x) => x.code === 'policy/path-outside-workspace');
      assert.equal(found.length, 1, p);
      const lines = readFileSync(join(repo, 'rotation-policy.yaml'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes(`path: ${p}`));
      assert.deepEqual([found[0]!.line, found[0]!.column, found[0]!.severity], [line + 1, lines[line]!.indexOf(p) + 1, 'error']);
      assert.match(found[0]!.message, /outside this policy's repository/);
      assert.ok(found[0]!.message.includes(join(tmp, 'config', 'rotation-guard', 'allowed-paths')), 'names the file that can allow it');
    }
  });

  it('catches a symlinked .env that leads out, a symlink in a parent folder, and a command script outside', async () => {
    symlinkSync(join(outside, 'victim.env'), join(repo, '.env')); // dangling: a write would create it
    mkdirSync(join(repo, 'config'));
    symlinkSync('../../outside', join(repo, 'config', 'shared'));
    const scripted = `  - id: scripted
    kind: token
    owner: machine
    maxAge: 30d
    stores: [second]
    rotation:
      provider: script
    verification:
      type: command
      command: ../outside/check.sh
`;
    const policy = hostilePolicy('.env', '  second:\n    type: env-file\n    path: config/shared/app.env\n').replace('providers:\n', 'providers:\n  script:\n    type: command\n    command: ./config/shared/mint.sh\n');
    write(policy + scripted);
    const found = (await problems()).filter((x) => x.code === 'policy/path-outside-workspace').map((x) => x.message.split("'")[1]);
    assert.deepEqual(found.sort(), ['../outside/check.sh', '.env', './config/shared/mint.sh', 'config/shared/app.env'].sort());
  });

  it('var: LD_PRELOAD (and NODE_OPTIONS in references.env, an id that turns into PATH) is policy/reserved-env-var', async () => {
    const policy = hostilePolicy('.env', '  plain:\n    type: env-file\n    path: .env.plain\n').replace('    path: .env\n', '    path: .env\n    var: LD_PRELOAD\n').replace('env: [APP_TOKEN]', 'env: [NODE_OPTIONS]');
    write(`${policy}  - id: path\n    kind: token\n    owner: machine\n    maxAge: 30d\n    stores: [plain]\n`);
    const found = (await problems()).filter((x) => x.code === 'policy/reserved-env-var');
    assert.deepEqual(found.map((x) => x.message.split("'")[1]).sort(), ['LD_PRELOAD', 'NODE_OPTIONS', 'PATH']);
    const lines = readFileSync(join(repo, 'rotation-policy.yaml'), 'utf8').split('\n');
    const ld = found.find((x) => x.message.includes('LD_PRELOAD'))!;
    assert.equal(lines[ld.line - 1]!.slice(ld.column - 1), 'LD_PRELOAD');
  });

  it('rotate, enforce and run refuse before any step, naming the path and the file that allows it; nothing is written outside', () => {
    write(hostilePolicy('../outside/victim.env'));
    for (const args of [['rotate', 'app-token'], ['enforce'], ['run', '--', process.execPath, '-e', '0']]) {
      const r = cliRun(args);
      assert.notEqual(r.status, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout + r.stderr, /outside this policy's repository/, args.join(' '));
      assert.match(r.stdout + r.stderr, /allowed-paths/);
    }
    assert.equal(existsSync(join(outside, 'victim.env')), false);
    assert.equal(existsSync(join(repo, '.rotation', 'ledger.jsonl')) && /"step":"begin"/.test(readFileSync(join(repo, '.rotation', 'ledger.jsonl'), 'utf8')), false, 'no rotation began');
  });

  it('a .rotation folder (or ledger) that is a symlink out of the repository is reported at the top and refused', async () => {
    write(hostilePolicy('.env'));
    symlinkSync(outside, join(repo, '.rotation'));
    const found = (await problems()).filter((x) => x.code === 'policy/path-outside-workspace');
    assert.deepEqual(found.map((x) => [x.line, x.message.split("'")[1]]), [[1, '.rotation'], [1, '.rotation/ledger.jsonl'], [1, '.rotation/stages']]);
    const r = cliRun(['rotate', 'app-token']);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /'\.rotation' beside this policy is a symlink to/);
    assert.deepEqual(readdirSync(outside), []);
  });

  it('the plan and the store registry refuse in process too (every shell builds them)', () => {
    write(hostilePolicy('../outside/victim.env'));
    const path = join(repo, 'rotation-policy.yaml');
    const { policy } = loadPolicyFile(path);
    assert.throws(() => createPolicyStoreRegistry(policy!, path, env), PolicyConfinementError);
    assert.throws(() => resolvePlan(policy!, 'app-token', { policyPath: path, env }), (e: Error) => e instanceof PolicyConfinementError && e.code === 'policy/path-outside-workspace');
  });

  it('a place the user allowed in ~/.config/rotation-guard/allowed-paths is accepted by check and written by rotate', async () => {
    write(hostilePolicy('../outside/victim.env'));
    mkdirSync(join(tmp, 'config', 'rotation-guard'), { recursive: true });
    writeFileSync(join(tmp, 'config', 'rotation-guard', 'allowed-paths'), `${outside}\n`);
    assert.deepEqual((await problems()).filter((x) => x.code === 'policy/path-outside-workspace'), []);
    const r = cliRun(['rotate', 'app-token']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(readFileSync(join(outside, 'victim.env'), 'utf8'), /^APP_TOKEN=/m);
  });
});

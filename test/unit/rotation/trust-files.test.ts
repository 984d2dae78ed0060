import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as rotate } from '../../../cli/src/commands/rotate';
import { run as enforce } from '../../../cli/src/commands/enforce';
import { run as trust } from '../../../cli/src/commands/trust';
import type { CliIO } from '../../../cli/src/io';
import { confirmPolicyFile, trustedPoliciesPath } from '../../../core/rotation/trust';
import { machineSecret, policyYaml, type ProviderDoc } from '../../helpers/policy';
import { projectPerTest } from '../../helpers/temp-project';

/**
 * The hole (#19 item 2): a `command` provider confirmed once kept its trust after only its script
 * changed, and `rotate`/`enforce` ran the new script with the current value on stdin. Each test
 * runs the real CLI commands in process with a real script; a marker file tells whether it ran.
 */
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

interface Captured extends CliIO {
  out: string[];
  err: string[];
}

function io(cwd: string, env: NodeJS.ProcessEnv, ask?: (q: string) => Promise<string>): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, env, out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => '', ...(ask ? { ask } : {}) };
}

function script(path: string, marker: string, tag: string): void {
  writeFileSync(path, `#!/bin/sh\ncat > /dev/null\necho ${tag} >> "${marker}"\necho "tok_${tag}_$(date +%s%N)"\n`);
  chmodSync(path, 0o755);
}

describe('trust covers the files a provider runs (#19 item 2)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let marker: string;
  const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n') : []);

  function project(p: ProviderDoc): void {
    writeFileSync(join(dir, 'rotation-policy.yaml'), policyYaml({ version: 1, stores: { dotenv: { type: 'env-file', path: '.env.local' } }, providers: { p }, secrets: [machineSecret('tok', { kind: 'token', createdAt: '2020-01-01', stores: ['dotenv'], rotation: { provider: 'p' } })] }));
  }

  const tmp = projectPerTest('rg-trust-files-');
  beforeEach(() => {
    ({ dir } = tmp.project);
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'config'));
    marker = join(dir, 'ran.log');
    env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config') };
    writeFileSync(join(dir, '.gitignore'), '.env.local\nran.log\nconfig/\n');
    writeFileSync(join(dir, '.env.local'), 'TOK=tok_initial_value_0000\n');
  });

  it('`rotate --trust --yes` prints every command, file and hash it confirms, then rotates', async () => {
    script(join(dir, 'scripts/new-token.sh'), marker, 'v1');
    project({ type: 'command', command: './scripts/new-token.sh' });
    const c = io(dir, env);
    assert.equal(await rotate(['tok', '--trust', '--yes'], c), 0, c.err.join(''));
    const printed = c.err.join('');
    assert.match(printed, /command \(secret tok: provider p\): \.\/scripts\/new-token\.sh/);
    assert.ok(printed.includes(`file scripts/new-token.sh [executable of ./scripts/new-token.sh] sha256 ${sha(join(dir, 'scripts/new-token.sh'))}`), printed);
    assert.ok(printed.includes(`file /bin/sh [interpreter of ./scripts/new-token.sh] sha256 ${sha('/bin/sh')}`), printed);
    assert.ok(printed.includes(`sha256 ${sha(join(dir, 'rotation-policy.yaml'))}`), printed);
    assert.deepEqual(ran(), ['v1']);
  });

  it('a script changed after trust: rotate refuses and names the file, enforce reports it needs a person; neither runs it', async () => {
    script(join(dir, 'scripts/new-token.sh'), marker, 'v1');
    project({ type: 'command', command: './scripts/new-token.sh' });
    confirmPolicyFile(join(dir, 'rotation-policy.yaml'), env);
    script(join(dir, 'scripts/new-token.sh'), marker, 'pulled');
    await assert.rejects(rotate(['tok'], io(dir, env)), (e: Error) => /scripts\/new-token\.sh \(executable of \.\/scripts\/new-token\.sh\) changed: sha256 [0-9a-f]{12}… → [0-9a-f]{12}…/.test(e.message) && /rotation-guard rotate tok --trust/.test(e.message));
    const c = io(dir, env);
    assert.equal(await enforce(['--no-git-history', '--now', '2026-12-01T00:00:00Z'], c), 1);
    const out = c.out.join('');
    assert.match(out, /tok: NEEDS A PERSON/);
    assert.match(out, /scripts\/new-token\.sh \(executable of/);
    assert.match(out, /run `rotation-guard rotate tok --trust`/, 'enforce words the next action as rotate does');
    assert.deepEqual(ran(), [], 'the changed script must not have run');
    assert.match(readFileSync(join(dir, '.env.local'), 'utf8'), /tok_initial_value_0000/);
  });

  it('`sh scripts/x.sh`: the script argument is covered, not only the interpreter', async () => {
    script(join(dir, 'scripts/x.sh'), marker, 'v1');
    project({ type: 'command', command: 'sh', args: ['scripts/x.sh'] });
    const record = confirmPolicyFile(join(dir, 'rotation-policy.yaml'), env);
    assert.ok(record.files.some((f) => f.path === join(dir, 'scripts/x.sh') && f.role === 'argument of sh'));
    writeFileSync(join(dir, 'scripts/x.sh'), '#!/bin/sh\necho evil\n');
    await assert.rejects(rotate(['tok'], io(dir, env)), /scripts\/x\.sh \(argument of sh\) changed/);
    assert.deepEqual(ran(), []);
  });

  it('a bare command name: another executable placed earlier in PATH revokes the confirmation', async () => {
    const bin1 = join(dir, 'bin1');
    const bin2 = join(dir, 'bin2');
    mkdirSync(bin1);
    mkdirSync(bin2);
    script(join(bin2, 'mint-token'), marker, 'real');
    const penv = { ...env, PATH: `${bin1}:${bin2}:${process.env.PATH}` };
    project({ type: 'command', command: 'mint-token' });
    confirmPolicyFile(join(dir, 'rotation-policy.yaml'), penv);
    script(join(bin1, 'mint-token'), marker, 'shadow');
    await assert.rejects(rotate(['tok'], io(dir, penv)), (e: Error) => e.message.includes('bin1/mint-token (executable of mint-token) now runs and was not confirmed (sha256 '));
    assert.deepEqual(ran(), []);
  });

  it('`--trust` without a terminal and without --yes refuses, records nothing and runs nothing', async () => {
    script(join(dir, 'scripts/new-token.sh'), marker, 'v1');
    project({ type: 'command', command: './scripts/new-token.sh' });
    const c = io(dir, env);
    assert.equal(await rotate(['tok', '--trust'], c), 2);
    assert.match(c.err.join(''), /refusing to confirm: there is no terminal to ask you.*--trust --yes/);
    assert.ok(c.err.join('').includes(sha(join(dir, 'scripts/new-token.sh'))), 'the list is shown before refusing');
    assert.equal(existsSync(trustedPoliciesPath(env)), false);
    assert.deepEqual(ran(), []);
  });

  it('on a terminal, --trust asks (y/N): "n" records nothing, "y" confirms and rotates', async () => {
    script(join(dir, 'scripts/new-token.sh'), marker, 'v1');
    project({ type: 'command', command: './scripts/new-token.sh' });
    const questions: string[] = [];
    const no = io(dir, env, async (q) => (questions.push(q), 'n'));
    assert.equal(await rotate(['tok', '--trust'], no), 2);
    assert.equal(existsSync(trustedPoliciesPath(env)), false);
    assert.deepEqual(ran(), []);
    const yes = io(dir, env, async (q) => (questions.push(q), 'y'));
    assert.equal(await rotate(['tok', '--trust'], yes), 0, yes.err.join(''));
    assert.equal(questions.length, 2);
    assert.match(questions[0]!, /\[y\/N\]/);
    assert.deepEqual(ran(), ['v1']);
  });

  it('an http provider: the confirmation lists its host', async () => {
    project({ type: 'http', url: 'https://issuer.internal:8443/keys/rotate', revoke: { url: 'https://revoker.internal/keys' } });
    const c = io(dir, env);
    assert.equal(await rotate(['tok', '--trust', '--dry-run'], c), 0);
    assert.match(c.err.join(''), /contacts https:\/\/issuer\.internal:8443 \(secret tok: provider p\)/);
    assert.match(c.err.join(''), /contacts https:\/\/revoker\.internal \(secret tok: provider p, revoke\)/);
    assert.equal(existsSync(trustedPoliciesPath(env)), false, '--dry-run records nothing');
  });
  it('`trust` confirms without rotating: no terminal needs --yes; then rotate runs the confirmed script and nothing else ran before', async () => {
    script(join(dir, 'scripts/new-token.sh'), marker, 'v1');
    project({ type: 'command', command: './scripts/new-token.sh' });
    const refused = io(dir, env);
    assert.equal(await trust([], refused), 2);
    assert.equal(existsSync(trustedPoliciesPath(env)), false);
    const c = io(dir, env);
    assert.equal(await trust(['--yes'], c), 0, c.err.join(''));
    assert.ok(c.err.join('').includes(sha(join(dir, 'scripts/new-token.sh'))), 'the confirmed script is listed with its hash');
    assert.deepEqual(ran(), [], 'trust runs nothing');
    const r = io(dir, env);
    assert.equal(await rotate(['tok'], r), 0, r.err.join(''));
    assert.deepEqual(ran(), ['v1']);
  });
});

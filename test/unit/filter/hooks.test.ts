import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as hook } from '../../../cli/src/commands/hook';
import { markEvents, secretHistory } from '../../../core/enforce/events';
import { keyedFingerprint } from '../../../core/values/fingerprint';
import { appendLedgerEntry, readLedger } from '../../../core/ledger/index';
import type { PolicySecret } from '../../../core/policy/model/schema';
import { fake } from '../../helpers/fake-keys';
import { memoryIO } from './hook-io';
import { tempProject } from '../../helpers/temp-project';

// The hooks driven with payloads in each assistant's documented shape (test/fixtures/hooks, sources
// in core/filter/hooks/assistants.ts); keys are built here and spliced in.
const FIXTURES = join(process.cwd(), 'test/fixtures/hooks');
type Out = { code: number; out: string; err: string; json?: Record<string, unknown> };

async function callHook(assistant: string, payload: string, root: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<Out> {
  const io = memoryIO(root, payload, env);
  const code = await hook([assistant, ...args], io);
  let json: Record<string, unknown> | undefined;
  try {
    json = io.out.trim() ? (JSON.parse(io.out) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { code, out: io.out, err: io.err, ...(json ? { json } : {}) };
}

function project(fileText: string): string {
  const root = tempProject('rg-hooks-').dir;
  mkdirSync(join(root, 'config'));
  writeFileSync(join(root, 'config', 'app.env'), fileText);
  return root;
}

function fill(fixture: string, key: string, root: string): string {
  return readFileSync(join(FIXTURES, fixture), 'utf8').replaceAll('{{KEY}}', key).replaceAll('{{ROOT}}', root).replaceAll('{{FILE}}', 'config/app.env');
}

// What "blocked" and "allowed" look like in each assistant's documented answer.
const blocked: Record<string, (o: Out, fixture: string) => void> = {
  'claude-code': (o, f) => {
    assert.equal(o.code, 0);
    const h = o.json?.hookSpecificOutput as Record<string, unknown> | undefined;
    if (f.includes('bash')) {
      assert.equal(h?.permissionDecision, 'allow', 'PreToolUse rewrites the input (updatedInput is honoured there)');
      assert.match(JSON.stringify(h?.updatedInput), /\[REDACTED:[a-z-]+:1\]/);
    } else if (f.includes('read')) assert.equal(h?.permissionDecision, 'deny');
    else if (f.includes('mcp')) {
      assert.equal(o.json?.decision, 'block');
      assert.match(JSON.stringify(h?.updatedMCPToolOutput), /value: \[REDACTED:[a-z-]+:1\]/);
    } else assert.equal(o.json?.decision, 'block');
  },
  codex: (o, f) => {
    assert.equal(o.code, 0);
    if (f.includes('pre-tool')) assert.equal((o.json?.hookSpecificOutput as Record<string, unknown>).permissionDecision, 'deny', 'Codex honours no rewrite: deny');
    else assert.equal(o.json?.decision, 'block');
  },
  cursor: (o, f) => {
    assert.equal(o.code, 0);
    if (f.includes('prompt')) assert.equal(o.json?.continue, false);
    else assert.equal(o.json?.permission, 'deny');
  },
  copilot: (o, f) => {
    if (f.includes('pre-tool')) assert.equal(o.json?.permissionDecision, 'deny');
    else {
      assert.equal(o.code, 2);
      assert.equal(o.json?.decision, 'block');
    }
  },
  'gemini-cli': (o) => assert.equal(o.json?.decision, 'deny'),
  windsurf: (o) => {
    assert.equal(o.code, 2, 'Windsurf pre-hooks block with exit code 2');
    assert.match(o.err, /credential/);
  },
  cline: (o) => assert.equal(o.json?.cancel, true),
};

const allowed: Record<string, (o: Out, fixture: string) => void> = {
  'claude-code': (o) => assert.ok(o.code === 0 && !o.out.includes('block') && !o.out.includes('deny')),
  codex: (o) => assert.ok(o.code === 0 && !o.out.includes('block') && !o.out.includes('deny')),
  cursor: (o, f) => {
    assert.equal(o.code, 0);
    if (f.includes('prompt')) assert.equal(o.json?.continue, true);
    else assert.equal(o.json?.permission, 'allow');
  },
  copilot: (o) => assert.ok(o.code === 0 && !o.out.includes('deny')),
  'gemini-cli': (o) => assert.ok(o.code === 0 && o.json?.decision === undefined),
  windsurf: (o) => assert.equal(o.code, 0),
  cline: (o) => assert.equal(o.json?.cancel, false),
};

describe('rotation-guard hook <assistant>: documented payloads in, documented decisions out', function () {
  this.timeout(60000);
  for (const assistant of readdirSync(FIXTURES).filter((d) => !d.includes('.'))) {
    for (const f of readdirSync(join(FIXTURES, assistant))) {
      const fixture = `${assistant}/${f}`;
      const reads = /read|at-file/.test(f);
      it(`${fixture}: blocks a key (${reads ? 'in the file it names' : 'in the payload'}) and names no value`, async () => {
        const key = fake.githubPat();
        const root = project(reads ? `TOKEN=${key}\n` : 'PORT=8080\n');
        const o = await callHook(assistant, fill(fixture, reads && assistant !== 'cursor' ? 'plain words' : key, root), root);
        blocked[assistant]!(o, f);
        assert.ok(!o.out.includes(key) && !o.err.includes(key), 'the value never appears in the answer');
      });
      it(`${fixture}: lets an ordinary payload through`, async () => {
        const root = project('PORT=8080\n');
        const o = await callHook(assistant, fill(fixture, 'the staging database', root), root);
        allowed[assistant]!(o, f);
      });
    }
  }

  it('fails closed on a payload that is not JSON, for every assistant', async () => {
    const root = project('');
    for (const a of Object.keys(blocked)) {
      const o = await callHook(a, '{not json', root);
      assert.ok(o.code === 2 || /deny|block|"cancel":true|"continue":false/.test(o.out), `${a} let a broken payload through`);
      assert.match(o.err + o.out, /could not check this action/);
    }
  });

  it('fails closed when the assistant never closes standard input (timeout)', async () => {
    const root = project('');
    const io = memoryIO(root, undefined, { ROTATION_GUARD_HOOK_TIMEOUT_MS: '50' });
    const code = await hook(['claude-code'], io);
    assert.equal(code, 2);
    assert.match(io.err, /no decision within 50 ms/);
  });

  it('does not read a file outside the project', async () => {
    const outside = project(`TOKEN=${fake.githubPat()}\n`);
    const root = project('PORT=1\n');
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: join(outside, 'config', 'app.env') }, cwd: root });
    const o = await callHook('claude-code', payload, root);
    assert.equal(o.out, '', 'a file outside the project is neither read nor judged');
  });

  it('records a policy secret\'s current value as exposed-to-assistant (fingerprint only), which the trigger acts on', async () => {
    const key = fake.openaiProject();
    const root = project('');
    writeFileSync(join(root, 'rotation-policy.yaml'), 'version: 1\n');
    const fpKey = randomBytes(32);
    const env = { ROTATION_GUARD_FINGERPRINT_KEY: fpKey.toString('base64') };
    const ledger = join(root, '.rotation', 'ledger.jsonl');
    await appendLedgerEntry(ledger, { secretId: 'openai-prod', step: 'store', outcome: 'ok', newFingerprint: keyedFingerprint(key, fpKey) });
    const o = await callHook('cursor', fill('cursor/before-submit-prompt.json', key, root), root, env);
    assert.equal(o.json?.continue, false);
    const entries = readLedger(ledger).entries;
    const mark = entries.find((e) => e.step === 'mark-compromised');
    assert.equal(mark?.event, 'exposed-to-assistant');
    assert.equal(mark?.secretId, 'openai-prod');
    assert.equal(mark?.oldFingerprint, keyedFingerprint(key, fpKey));
    assert.ok(!readFileSync(ledger, 'utf8').includes(key));
    const secret = { id: 'openai-prod', triggers: [{ on: 'exposed-to-assistant', action: 'rotate-now' }] } as unknown as PolicySecret;
    const events = markEvents(secret, secretHistory(entries));
    assert.deepEqual(events.map((e) => [e.kind, e.action]), [['exposed-to-assistant', 'rotate-now']]);
  });
});

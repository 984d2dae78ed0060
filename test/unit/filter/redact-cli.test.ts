import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempTree } from '../cli-scan/run-cli';
import { fake } from '../../helpers/fake-keys';

// `rotation-guard redact` as a real process on the built bundle.
describe('rotation-guard redact (engine, in place, transcripts)', function () {
  this.timeout(60000);

  it('masks glued, encoded and split keys from stdin and keeps every other byte', () => {
    const gh = fake.githubPat();
    const oa = fake.openaiProject();
    const input = `GET /x?api_key%3D${gh}\n${Buffer.from(`Bearer ${oa}`).toString('base64')}\nplain line\n`;
    const r = cli(['redact'], { cwd: tempTree({}), input });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.includes(gh) && !r.stdout.includes(oa.slice(0, 20)));
    assert.match(r.stdout, /^GET \/x\?api_key%3D\[REDACTED:[a-z-]+:1\]\n\[REDACTED:[a-z-]+:1\]\nplain line\n$/);
  });

  it('--in-place rewrites the file and keeps an owner-only backup', () => {
    const k = fake.anthropic();
    const root = tempTree({ 'notes.txt': `key: ${k}\nkeep me\n` });
    const r = cli(['redact', '--in-place', 'notes.txt'], { cwd: root });
    assert.equal(r.status, 0, r.stderr);
    const after = readFileSync(join(root, 'notes.txt'), 'utf8');
    assert.ok(!after.includes(k) && after.endsWith('\nkeep me\n'));
    assert.equal(readFileSync(join(root, 'notes.txt.rg-bak'), 'utf8'), `key: ${k}\nkeep me\n`);
    assert.equal(statSync(join(root, 'notes.txt.rg-bak')).mode & 0o777, 0o600);
    assert.ok(!r.stderr.includes(k));
  });

  it('reads a Claude Code transcript by its structure: escaped strings and a key split across streamed delta lines', () => {
    const k = fake.openaiProject();
    // The shape of a Claude Code project transcript line (type/message/content) and of stream deltas.
    const lines = [
      JSON.stringify({ type: 'user', message: { role: 'user', content: `use this:\n"${k}"` }, sessionId: 's1' }),
      JSON.stringify({ type: 'response.output_text.delta', delta: `here: ${k.slice(0, 50)}` }),
      JSON.stringify({ type: 'response.output_text.delta', delta: `${k.slice(50)} done` }),
      JSON.stringify({ type: 'summary', summary: 'nothing here' }),
    ];
    const root = tempTree({ 'session.jsonl': `${lines.join('\n')}\n` });
    const r = cli(['redact', '--in-place', 'session.jsonl'], { cwd: root });
    assert.equal(r.status, 0, r.stderr);
    const out = readFileSync(join(root, 'session.jsonl'), 'utf8').split('\n');
    const all = out.join('\n');
    for (let i = 0; i + 10 <= k.length; i += 5) assert.ok(!all.includes(k.slice(i, i + 10)), `a piece of the key at ${i} is left`);
    assert.equal(out[3], lines[3], 'a line without a key is kept byte for byte');
    const second = JSON.parse(out[1]!) as { delta: string };
    const third = JSON.parse(out[2]!) as { delta: string };
    assert.match(second.delta, /^here: \[REDACTED:openai-api-key:1\]$/);
    assert.equal(third.delta, ' done');
    assert.match((JSON.parse(out[0]!) as { message: { content: string } }).message.content, /^use this:\n"\[REDACTED:openai-api-key:1\]"$/);
  });

  it('scan reads a Codex-style session log by its structure: a key split across delta lines and one behind \\u escapes are found', () => {
    const k = fake.githubPat();
    const o = fake.openaiProject();
    const esc = [...o].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const lines = [
      JSON.stringify({ timestamp: '2026-12-06T07:00:00Z', type: 'event_msg', payload: { type: 'agent_message_delta', delta: `token: ${k.slice(0, 20)}` } }),
      JSON.stringify({ timestamp: '2026-12-06T07:00:01Z', type: 'event_msg', payload: { type: 'agent_message_delta', delta: `${k.slice(20)} ok` } }),
      `{"timestamp":"2026-12-06T07:00:02Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"${esc}"}]}}`,
    ];
    const root = tempTree({ 'rollout-2026-12-06.jsonl': `${lines.join('\n')}\n` });
    const r = cli(['scan', '--format', 'json', '.'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ line: number; ruleId: string }> }).findings;
    assert.ok(findings.some((f) => f.line === 1 && /github/.test(f.ruleId)), `the split key is reported on the line where it starts: ${JSON.stringify(findings)}`);
    assert.ok(findings.some((f) => f.line === 3 && /openai/.test(f.ruleId)), 'the escaped key is found');
    assert.ok(!r.stdout.includes(k) && !r.stdout.includes(o));
  });
});

import { strict as assert } from 'node:assert';
import { fake } from '../../helpers/fake-keys';
import { cli, tempTree } from './run-cli';

// The security rule, tested end to end: planted values never appear in any output of any command.
describe('no secret value in any CLI output (text, json, sarif, redact, stderr)', function () {
  this.timeout(60000);

  it('greps every output for every planted value', () => {
    const values = [fake.openaiProject(), fake.anthropic(), fake.githubPat(), fake.awsKeyId(), fake.slackBot(), fake.stripe(), fake.password(), fake.groq()];
    const text = [
      `OPENAI_API_KEY=${values[0]}`,
      `anthropic: "${values[1]}"`,
      `token = '${values[2]}'`,
      `aws_access_key_id = ${values[3]}`,
      `SLACK_BOT_TOKEN=${values[4]}`,
      `stripe.api_key = "${values[5]}"`,
      `DB_PASSWORD="${values[6]}"`,
      `Authorization: Bearer ${values[7]}`,
    ].join('\n');
    const root = tempTree({ 'app/.env': `${text}\n`, 'bad name (1).txt': `${text}\n` });
    const outputs: string[] = [];
    let found = 0;
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['scan', '--format', format, '.'], { cwd: root });
      assert.equal(r.status, 1, r.stderr);
      outputs.push(r.stdout, r.stderr);
      if (format === 'json') found = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
    }
    const b = cli(['scan', '--write-baseline', 'bl.jsonl', '--reason', 'leak test', '.'], { cwd: root });
    outputs.push(b.stdout, b.stderr);
    const red = cli(['redact'], { cwd: root, input: `${text}\n` });
    assert.equal(red.status, 0);
    outputs.push(red.stdout, red.stderr);
    const stdin = cli(['scan', '--stdin', '--format', 'json'], { cwd: root, input: text });
    outputs.push(stdin.stdout, stdin.stderr);
    assert.equal(found, values.length * 2, 'every planted value was found in both files');
    const all = outputs.join('\n');
    for (const v of values) assert.ok(!all.includes(v), `value ${v.slice(0, 4)}… leaked`);
    assert.ok(red.stdout.includes('[REDACTED:'), 'redact marks what it removed');
  });
});

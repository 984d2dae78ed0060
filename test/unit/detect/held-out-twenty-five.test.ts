import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-fifth held-out set (data engineering and workflow orchestration:
// an orchestrator, a transformation tool, a data quality library, a workflow platform, a data
// catalog and an analytical database; 2026-12-07: docs/detection.md "Held-out set twenty-five"),
// each judged by the principle that rejects it, with synthetic lines of the same shape and, beside
// each, a value in the same place that must still be found.
const shown = shownValues;
const { pick, key } = seededDraws('held-out-twenty-five');
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('held-out set twenty-five', () => {
  it("a PowerShell cmdlet called after a password variable is not its value; a literal there is found", () => {
    const path = '.github/actions/sign/action.yml';
    const step = '    - name: "Import certificate"\n      shell: pwsh\n      run: |\n        $pwd = ConvertTo-SecureString -String "${{ inputs.cert-password }}" -Force -AsPlainText\n        $password = Read-Host -AsSecureString\n';
    assert.deepEqual(shown(step, path), []);
    const k = key();
    assert.deepEqual(shown(`${step}        $pwd = "${k}"\n`, path), [k]);
  });

  it('a row of a column of quoted base64 literals (a serialized ATN in a generated lexer) holds no token; a key under a name is found', () => {
    const path = 'crates/sql/lexer/src/generated/sqllexer.rs';
    const row = () => rand(80, B64, pick);
    const column = ['pub const SERIALIZED_ATN: &[&str] = &[', `    "${row()}",`, `    "AP4${rand(77, B64, pick)}",`, `    "${row()}",`, '];', ''].join('\n');
    assert.deepEqual(shown(column, path), []);
    const ap = `AP7${rand(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', pick)}9q`;
    assert.deepEqual(shown(`${column}const ARTIFACTORY_PASSWORD: &str = "${ap}";\n`, path), [ap]);
  });

  it('a JWT whose header names no algorithm and whose signature is shorter than any is a fixture; one with a full signature is found', () => {
    const path = 'crates/auth/src/sqlserver/mod.rs';
    const header = b64url('{"typ":"JWT"}');
    const payload = b64url('{"aud":"warehouse","iat":1700000000}');
    const fake = `${header}.${payload}.${b64url('not-signed')}`;
    const found = (text: string) => scanText(text, { path }).filter((f) => f.ruleId === 'secret/jwt' && f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(found(`const FAKE_ACCESS_TOKEN: &str = "${fake}";\n`), []);
    const real = `${header}.${payload}.${rand(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', pick)}`;
    assert.deepEqual(found(`const FAKE_ACCESS_TOKEN: &str = "${fake}";\nconst ACCESS_TOKEN: &str = "${real}";\n`), [real]);
  });

  it("a Slack webhook whose last segment is too short for Slack's secret is a stand-in; a full-shaped one is found", () => {
    const path = 'src/pipelines/checkpoint.py';
    const stand = '"slack_webhook": "https://hooks.slack.com/services/TQRS987/BXYZ654/alerttoken9",\n';
    assert.deepEqual(shown(stand, path), []);
    const secret = rand(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', pick);
    const real = `T${rand(9, UPPER_ALNUM, pick)}/B${rand(10, UPPER_ALNUM, pick)}/${secret}`;
    const found = shown(`${stand}"slack_webhook_prod": "https://hooks.slack.com/services/${real}",\n`, path);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.endsWith(secret));
  });

  it('base64 of a short phrase of words under a key name is encoded text; base64 of drawn bytes is found', () => {
    const path = 'tests/cli/test_deploy.py';
    const phrase = Buffer.from('good morning').toString('base64');
    const line = (v: string) => `            "--field",\n            "api_key=${v}",\n`;
    assert.deepEqual(shown(line(phrase), path), []);
    const drawn = createHash('sha256').update('held-out-twenty-five').digest('base64').slice(0, 32);
    assert.deepEqual(shown(line(phrase) + line(drawn), path), [drawn]);
  });

  it('counting in both alphabets in blocks (and percent-encoded in a URL) is typed; a drawn token there is found', () => {
    const path = 'src/integrations/scm/tests/test_credentials.py';
    const typed = 'ab12/cd34/ef56/gh78';
    const text = `        token="${typed}"\n        url = "https://x-token-auth:${typed.replace(/\//g, '%2F')}@scm.internal.corp/org/repo.git"\n`;
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}        token="${k}"\n`, path), [k]);
  });
});

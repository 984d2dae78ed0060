import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { seededDraws, shownValues } from './shown';

// Value classes read on an eleventh held-out set, read after sets nine's and ten's fixes (twelve
// public repositories: an object store and two web servers in Go, LLM apps, SDKs, cookbooks and
// notebooks; 2026-12-07: docs/detection.md "Held-out set eleven"), each judged by the principle
// that rejects it, with synthetic lines of the same shape and, beside each, a value in the same
// place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-eleven');
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** base64 of 24 drawn bytes that holds a digit. */
function drawnWithDigit(): string {
  for (;;) {
    const v = randomBytes(24).toString('base64');
    if (/\d/.test(v)) return v;
  }
}

describe('held-out set eleven', () => {
  it('base64 of a placeholder or of words is judged as what it encodes (Kubernetes Secret data, Helm values); base64 of drawn bytes is found', () => {
    const secret = (v: string) => `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/basic-auth\ndata:\n  password: ${v}\n`;
    assert.deepEqual(shown(secret(b64('secure-password')), 'fixtures/basic_auth.yml'), []);
    assert.deepEqual(shown(secret(b64('password')), 'fixtures/basic_auth.yml'), []);
    assert.deepEqual(shown(`staticClients:\n- id: example-app\n  secret: ${b64('example-app-secret')}\n`, 'docs/sts/dex.yaml'), []);
    // (In docs a draw of letters alone, about 1 in 600 of these, is judged as one that may be a typed
    // example: the draw here holds a digit. Under a Secret's `data:` every draw is found, below.)
    const drawn = drawnWithDigit();
    assert.deepEqual(shown(secret(drawn), 'fixtures/basic_auth.yml'), [drawn]);
    assert.deepEqual(shown(`staticClients:\n- id: example-app\n  secret: ${drawn}\n`, 'docs/sts/dex.yaml'), [drawn]);
  });

  it("bytes that are not text under a Secret's `data:` are a key, whatever their UTF-8 reading shows", () => {
    const secret = (v: string) => `apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  api-key: ${v}\n`;
    // Four 0xFF bytes read as four U+FFFD: a run of one character, which the placeholder check had
    // taken for typed filler (85 of 10,000 drawn 24-byte keys were dropped so).
    const run = Buffer.concat([Buffer.alloc(4, 0xff), randomBytes(20)]).toString('base64');
    assert.deepEqual(shown(secret(run), 'deploy/secret.yaml'), [run]);
    const missed: string[] = [];
    for (let i = 0; i < 500; i++) {
      const v = randomBytes(24).toString('base64');
      if (shown(secret(v), 'deploy/secret.yaml').join() !== v) missed.push(v);
    }
    assert.deepEqual(missed, []);
    // Text stays judged as text: base64 of a placeholder is still none.
    assert.deepEqual(shown(secret(b64('replace-with-your-key')), 'deploy/secret.yaml'), []);
  });

  it('a YAML alias (`password: *database_password`) names an anchored node; a literal under the same name is found', () => {
    const values = 'config:\n  database:\n    password: *database_password\n  redis:\n    password: *redis_password\n';
    assert.deepEqual(shown(values, 'charts/app/values.yaml'), []);
    const k = key();
    assert.deepEqual(shown(`config:\n  database:\n    password: ${k}\n`, 'charts/app/values.yaml'), [k]);
  });

  it("an Azure Resource Manager template expression (`\"[listKeys(…)…]\"`) is evaluated at deployment; a key written in its place is found", () => {
    const arm = `{\n  "properties": {\n    "sharedKey": "[listKeys(resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName')), '2022-10-01').primarySharedKey]"\n  }\n}\n`;
    assert.deepEqual(shown(arm, 'azuredeploy.json'), []);
    const k = key();
    assert.deepEqual(shown(`{\n  "properties": {\n    "sharedKey": "${k}"\n  }\n}\n`, 'azuredeploy.json'), [k]);
  });

  it('an HTTP header name whose acronym holds a digit (`X-Minio-…-S3-Kms-Sealed-Key`) is a name; a group key of capitals and digits is found', () => {
    assert.deepEqual(shown('\tMetaDataEncryptionKey = "X-Minio-Internal-Server-Side-Encryption-S3-Kms-Sealed-Key"\n', 'internal/crypto/metadata.go'), []);
    const k = key();
    assert.deepEqual(shown(`\tMetaDataEncryptionKey = "${k}"\n`, 'internal/crypto/metadata.go'), [k]);
  });

  it('a string constant spelling its own name\'s last words (`stsLDAPPassword = "LDAPPassword"`) is a field name; a drawn value there is found', () => {
    assert.deepEqual(shown('\tstsLDAPPassword           = "LDAPPassword"\n', 'cmd/sts-handlers.go'), []);
    const k = key();
    assert.deepEqual(shown(`\tstsLDAPPassword           = "${k}"\n`, 'cmd/sts-handlers.go'), [k]);
  });

  it('a label inside a message, then the string\'s closing quote and code (`"RootPass: ") + color.Bold(…)`), has no value; a literal given to the same name in code is found', () => {
    assert.deepEqual(shown('\tlogger.Startup(color.Blue("   RootPass: ") + color.Bold("%s \\n", cred.SecretKey))\n', 'cmd/server-startup-msg.go'), []);
    const k = key();
    assert.deepEqual(shown(`\tcfg := Config{RootPass: "${k}"}\n`, 'cmd/server-startup-msg.go'), [k]);
  });

  it('in documentation prose too, base64 of a placeholder is judged as what it encodes; base64 of drawn bytes there is found', () => {
    const row = (v: string) => `| class | example |\n|---|---|\n| an example secret | \`secret: ${v}\` in the provider's sample config |\n`;
    assert.deepEqual(shown(row(b64('example-app-secret')), 'docs/detection.md'), []);
    const drawn = drawnWithDigit();
    assert.deepEqual(shown(row(drawn), 'docs/detection.md'), [drawn]);
  });
});

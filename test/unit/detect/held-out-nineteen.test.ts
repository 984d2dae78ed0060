import { strict as assert } from 'node:assert';
import { fake, rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a nineteenth held-out set (eleven public repositories of deployment and
// secrets tooling, low-code platforms and self-hosted LLM front ends: an operator that syncs
// secrets from vaults, a GitOps server, two PaaS, a certificate manager, a Helm chart, an API
// client; 2026-12-07: docs/detection.md "Held-out set nineteen"), each judged by the principle that
// rejects it, with synthetic lines of the same shape and, beside each, a value in the same place
// that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-nineteen');

describe('held-out set nineteen', () => {
  it("a data: nested in another kind's spec (an ExternalSecret's list of remote keys) is no Secret's data, and a Kubernetes key's DNS prefix names no credential; a Secret's data and a key's own name are still read", () => {
    const externalSecret = [
      'apiVersion: external-secrets.io/v1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: app-db',
      'spec:',
      '  secretStoreRefs:',
      '    - name: vault-backend',
      '      kind: SecretStore',
      '  data:',
      '    - match:',
      '        secretKey: db-admin-password',
      '        remoteRef:',
      '          remoteKey: team/database/password',
      '    - secretKey: registry',
      '      remoteRef:',
      '        property: property',
    ].join('\n');
    const path = 'docs/guides/push-secrets.md';
    const doc = (secret: string) => `# Pushing\n\n\`\`\`yaml\n${externalSecret}\n\`\`\`\n\n\`\`\`yaml\n${secret}\`\`\`\n`;
    assert.deepEqual(shown(doc(''), path), []);
    // A Secret's data beside it (its own fence) is still decoded and judged.
    const k = key();
    const encoded = Buffer.from(k).toString('base64');
    assert.deepEqual(shown(doc(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  api-key: ${encoded}\n`), path), [encoded]);
    // The same in a Template's objects, where the Secret is a list item (`- kind: Secret`).
    const template = `apiVersion: template.openshift.io/v1\nkind: Template\nobjects:\n  - kind: Secret\n    apiVersion: v1\n    metadata:\n      name: app\n    data:\n      api-key: ${encoded}\n`;
    assert.deepEqual(shown(template, 'deploy/template.yaml'), [encoded]);

    const digest = rand(32, '0123456789abcdef', pick);
    const annotated = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    reconcile.vault-secrets.io/${name}: ${name === 'data-hash' ? digest : k}\n`;
    assert.deepEqual(shown(annotated('data-hash'), 'deploy/app.yaml'), []);
    assert.deepEqual(shown(annotated('api-key'), 'deploy/app.yaml'), [k]);
  });

  it("PHP's curly interpolation and Go's import paths are code; a literal under the same name is found", () => {
    const php = (v: string) => `<?php\n$env->push("REDIS_PASSWORD=${v}");\n`;
    assert.deepEqual(shown(php('{$this->database->redis_password}'), 'app/Actions/Database/StartRedis.php'), []);
    assert.deepEqual(shown(php("{$config['redis']['password']}"), 'app/Actions/Database/StartRedis.php'), []);
    const k = key();
    assert.deepEqual(shown(php(k), 'app/Actions/Database/StartRedis.php'), [k]);

    const go = (v: string) =>
      `package session\n\nimport (\n\t"fmt"\n\n\tpassword "github.com/acme-vault/acme-vault/generators/v1/password"\n\tpasswordutil "github.com/acme/server/v3/util/password"\n)\n\nvar adminPassword = "${v}"\n`;
    assert.deepEqual(shown(go(''), 'util/session/manager.go'), []);
    assert.deepEqual(shown(go(k), 'util/session/manager.go'), [k]);
  });

  it("a provider's format typed as the alphabet with every other letter a capital is a test's fake; a drawn one beside it is found", () => {
    const alternating = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode((i % 2 ? 65 : 97) + i)).join('');
    const typed = `ghp_${alternating(26)}0123456789`;
    const typedLab = `glpat-${alternating(20)}`;
    const pat = fake.githubPat();
    const test = (a: string, b: string) => `<?php\n\nit('removes tokens', function () {\n    $cases = [\n        '${a}' => 'personal access token',\n        '${b}' => 'gitlab token',\n    ];\n});\n`;
    assert.deepEqual(shown(test(typed, typedLab), 'tests/Unit/SanitizeLogsTest.php'), []);
    assert.deepEqual(shown(test(typed, pat), 'tests/Unit/SanitizeLogsTest.php'), [pat]);
  });

  it("names: sudoers' NOPASSWD tag, a password's digest by its hash function, git's askpass program; a password under the same names is found", () => {
    assert.deepEqual(shown('deploy    ALL=NOPASSWD:SETENV:/usr/bin/docker,/usr/bin/docker-image-labeler,/usr/local/bin/pack\n', 'docker/etc/sudoers.d/deploy'), []);
    const sha256 = rand(64, '0123456789abcdef', pick);
    const sha1 = rand(40, '0123456789abcdef', pick);
    const users = (p: string) => `<users>\n  <default>\n    <password_sha256_hex>${sha256}</password_sha256_hex>\n    <password_double_sha1_hex>${sha1}</password_double_sha1_hex>\n    <password>${p}</password>\n  </default>\n</users>\n`;
    assert.deepEqual(shown(users(''), 'templates/compose/analytics.xml'), []);
    const k = key();
    assert.deepEqual(shown(users(k), 'templates/compose/analytics.xml'), [k]);
    const consts = (v: string) => `package common\n\nconst (\n\tCommandGitAskPass = "acme-git-ask-pass"\n\tDefaultRepoPass   = "${v}"\n)\n`;
    assert.deepEqual(shown(consts(''), 'common/common.go'), []);
    assert.deepEqual(shown(consts(k), 'common/common.go'), [k]);
  });

  it("prose in program strings: a printf verb after the word, a description's paragraphs split by escaped line breaks; an exponent between names; a length pattern; a value there is found", () => {
    const k = key();
    const errs = (v: string) => `package controller\n\nconst (\n\terrDeletePolicy = "unable to delete secret %s: creationPolicy=%s is not Owner"\n\terrRotate = "rotation failed, use the secret: ${v}"\n)\n`;
    assert.deepEqual(shown(errs('%v'), 'pkg/controllers/secret_controller.go'), []);
    assert.deepEqual(shown(errs(k), 'pkg/controllers/secret_controller.go'), [k]);
    const openapi = `\t\t\t\t\t\t\tDescription: "References to objects that contain TLS certificates and private keys.\\n\\nSupport: Core - A reference to a Secret of type kubernetes.io/tls\\n\\nSupport: Implementation-specific (more than one reference).",\n`;
    assert.deepEqual(shown(`package openapi\n\nfunc schema() {\n${openapi}}\n`, 'internal/generated/openapi/zz_generated.openapi.go'), []);
    const py = (v: string) => `def score(normalized_tokens, token_exponent_penalty):\n    token_penalty = ${v}\n    return token_penalty\n`;
    assert.deepEqual(shown(py('normalized_tokens**token_exponent_penalty'), 'app/processors/select_links.py'), []);
    assert.deepEqual(shown(py(`"${k}"`), 'app/processors/select_links.py'), [k]);
    // A password policy's pattern under a misspelt name (`Patten`, so the name reads as the password's).
    const policy = (v: string) => `package common\n\nconst (\n\t// PasswordPatten is the default password pattern\n\tPasswordPatten = ${v}\n)\n`;
    assert.deepEqual(shown(policy('`^.{8,32}$`'), 'common/common.go'), []);
    assert.deepEqual(shown(policy(`"${k}"`), 'common/common.go'), [k]);
  });
});

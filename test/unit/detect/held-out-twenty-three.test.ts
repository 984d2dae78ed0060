import { strict as assert } from 'node:assert';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-third held-out set (twelve public repositories of self-hosted
// operations and data platforms: three PostgreSQL operators, a container registry, a service mesh's
// Kubernetes installer, a functions platform, two mail server stacks, a Kafka operator, JupyterHub's
// Helm chart, a MongoDB operator, a storage operator; 2026-12-07: docs/detection.md "Held-out set
// twenty-three"), each judged by the principle that rejects it, with synthetic lines of the same
// shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-twenty-three');
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('held-out set twenty-three', () => {
  it('a concatenation around a call, read from a closing quote, is code; a literal in the same string is found', () => {
    const path = 'operator/src/main/java/org/acme/JaasConfigBuilder.java';
    assert.deepEqual(shown('        sb.append("PlainLoginModule required username=\\"" + auth.user() + "\\" password=\\"" + renderSecret(auth.secretRef()) + "\\";");\n', path), []);
    const k = key();
    assert.deepEqual(shown(`        sb.append("PlainLoginModule required password=\\"${k}\\";");\n`, path), [k]);
  });

  it('names ending in a colon (a key prefix, an annotation key) wait for what follows; a value in their place is found', () => {
    const php = 'lib/oauth/Storage/Wide.php';
    assert.deepEqual(shown("        'refresh_token_key' => 'grant_refresh_tokens:',\n", php), []);
    const k = key();
    assert.deepEqual(shown(`        'refresh_token_key' => '${k}',\n`, php), [k]);
    const bats = 'charts/mesh/test/unit/server-statefulset.bats';
    assert.deepEqual(shown("      --set 'global.secretsBackend.vault.agentAnnotations=vault.acme.com/agent-extra-secret: foo' \\\n", bats), []);
    const k2 = key();
    assert.deepEqual(shown(`      --set 'global.secretsBackend.vault.agentAnnotations=${k2}' \\\n`, bats), [k2]);
  });

  it("an f-string's replacement field that calls a function is code; a literal there is found", () => {
    const path = 'dev-values.yaml';
    assert.deepEqual(shown('      print(f"proxy.existingSecret={read_setting(\'proxy.existingSecret\')}")\n', path), []);
    const k = key();
    assert.deepEqual(shown(`      print(f"proxy.existingSecret=${k}")\n`, path), [k]);
  });

  it("SQL's named bind parameters and column types are not values; a literal in the statement or schema is found", () => {
    const path = 'web/inc/functions.users.inc.php';
    assert.deepEqual(shown('  $stmt = $pdo->prepare("UPDATE `mailbox` SET `password` = :new_hash WHERE `username` = :username");\n', path), []);
    assert.deepEqual(shown('    "client_secret" => "VARCHAR(120)",\n', path), []);
    const k = key();
    assert.deepEqual(shown(`    "client_secret" => "${k}",\n`, path), [k]);
  });

  it('a class named by its PHP namespace in a string is a type; a literal in its place is found', () => {
    const path = 'vendor/acme/oauth-server/src/Server.php';
    assert.deepEqual(shown("        'access_token' => 'Acme\\\\Grant\\\\AccessTokenResponder',\n", path), []);
    const k = key();
    assert.deepEqual(shown(`        'access_token' => '${k}',\n`, path), [k]);
  });

  it("Go's slice type in a generated String() is code; a string literal beside it is found", () => {
    const path = 'vendor/k8s.io/api/apps/v1/generated.pb.go';
    assert.deepEqual(shown('\trepeatedStringForPullSecrets := "[]SecretReference{"\n', path), []);
    const k = key();
    assert.deepEqual(shown(`\tpullSecret := "${k}"\n`, path), [k]);
  });

  it('one escaped character, a Dovecot variable, a charset name: none is a secret; drawn values in their places are', () => {
    assert.deepEqual(shown("is( $digest, 'abc', 'hashing: password1: \\x{00E9}' ) ;\n", 'bin/mailsync.pl'), []);
    assert.deepEqual(shown('password_key = passdb/%n\nuser_key = userdb/%u\n', 'conf/dovecot/auth.conf'), []);
    const k = key();
    assert.deepEqual(shown(`password_key = ${k}\n`, 'conf/dovecot/auth.conf'), [k]);
    const py = 'admin/portal/__init__.py';
    assert.deepEqual(shown("app.short_pw_key = hmac.new(secret, bytearray('SHORT_PW_KEY', 'utf-8'), 'sha256')\n", py), []);
    const k2 = key();
    assert.deepEqual(shown(`app.short_pw_key = '${k2}'\n`, py), [k2]);
  });

  it("a Terraform reference through count.index and a field path are expressions; literals under the names are found", () => {
    const tf = 'test/terraform/aks/main.tf';
    assert.deepEqual(shown('  clientSecret = azuread_application_password.ci[count.index].value\n', tf), []);
    const k = key();
    assert.deepEqual(shown(`  clientSecret = "${k}"\n`, tf), [k]);
    const go = 'controllers/gateway_controller.go';
    assert.deepEqual(shown('\tsecretOwnerKey = ".metadata.secretOwner"\n', go), []);
    const k2 = key();
    assert.deepEqual(shown(`\tsecretOwnerKey = "${k2}"\n`, go), [k2]);
  });

  it("a user name under a Secret's stringData is who logs in; the password beside it is found", () => {
    const k = key();
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-users\ntype: Opaque\nstringData:\n  DB_OPERATOR_ADMIN_USER: operatorAdmin\n  DB_OPERATOR_ADMIN_PASSWORD: ${k}\n`;
    assert.deepEqual(shown(manifest, 'deploy/users-secret.yaml'), [k]);
  });

  it("a Secret's name under a field named for it, a key:value option list: references; drawn values there are found", () => {
    const path = 'chart/queue-connector/values.yaml';
    assert.deepEqual(shown('# natsPasswordSecret: nats-password\n', path), []);
    const k = key();
    assert.deepEqual(shown(`natsPasswordSecret: ${k}\n`, path), [k]);
    const cm = 'manifests/operator-configmap.yaml';
    assert.deepEqual(shown('  # infra_roles_secrets: "secretname:ops-roles,userkey:user,passwordkey:password"\n', cm), []);
    const k2 = key();
    assert.deepEqual(shown(`  infra_roles_secrets: "${k2}"\n`, cm), [k2]);
  });

  it("a SCRAM verifier's pattern is a hash's; a password in the same statement is found", () => {
    const path = 'pkg/postgres/roles_test.go';
    assert.deepEqual(shown("\tmock.ExpectExec(`ALTER ROLE \"app\" WITH PASSWORD 'SCRAM-SHA-256\\$.+'`).\n", path), []);
    const k = key();
    assert.deepEqual(shown(`\tmock.ExpectExec(\`ALTER ROLE "app" WITH PASSWORD '${k}'\`).\n`, path), [k]);
  });

  it('a name inside a chain of colon-joined names is a segment; a value after the name is found', () => {
    const path = '.snyk';
    assert.deepEqual(shown('  "snyk:lic:golang:github.com:acme:vault:api:auth:approle:MPL-2.0":\n', path), []);
    const k = key();
    assert.deepEqual(shown(`  token: ${k}\n`, path), [k]);
  });

  it('"replace with" opening a value, base64 in a Secret too, is a placeholder; a drawn value there is found', () => {
    const manifest = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: backup-s3\ntype: Opaque\ndata:\n  AWS_SECRET_ACCESS_KEY: ${value}\n`;
    assert.deepEqual(shown(manifest(b64('REPLACE-WITH-S3-SECRET-KEY')), 'deploy/backup-s3.yaml'), []);
    const k = key();
    const encoded = b64(k);
    assert.deepEqual(shown(manifest(encoded), 'deploy/backup-s3.yaml'), [encoded]);
  });
});

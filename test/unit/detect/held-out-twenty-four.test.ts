import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-fourth held-out set (twelve authentication libraries and identity
// services: a Java security framework, Node and Python auth libraries, Rails' and Django's auth, two
// identity servers; 2026-12-07: docs/detection.md "Held-out set twenty-four"), each judged by the
// principle that rejects it, with synthetic lines of the same shape and, beside each, a value in the
// same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-twenty-four');

describe('held-out set twenty-four', () => {
  it("a declaration's type named after a credential word is not given the value after the declared name; a literal there is found", () => {
    const path = 'oauth2/src/main/java/org/example/AuthorizationCodeProvider.java';
    const chained = '\t\tOAuth2AuthorizationContext authorizationContext = OAuth2AuthorizationContext\n\t\t\t.with(registeredClient)\n\t\t\t.build();\n';
    assert.deepEqual(shown(chained, path), []);
    assert.deepEqual(shown('\t\tfor (Saml2X509Credential c : signingX509Credentials) {\n', path), []);
    // (A type with type arguments, the credential word among them.)
    assert.deepEqual(shown('\t\tOAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator = OAuth2ConfigurerUtils\n\t\t\t.getTokenGenerator(http);\n', path), []);
    assert.deepEqual(shown('\t\tConverter<ResponseToken, Saml2ValidatorResult> validator = OpenSaml5AuthenticationProvider\n\t\t\t.createDefaultResponseValidator();\n', path), []);
    const k = key();
    assert.deepEqual(shown(`${chained}\t\tString clientSecret = "${k}";\n`, path), [k]);
    // In a comment a word and a value after another word keep being read as prose.
    assert.deepEqual(shown(`\t\t// the token staging: ${k}\n\t\t// Token staging = ${k}x\n`, path), [k, `${k}x`]);
  });

  it("a query's condition with a bind parameter and a dotted key prefix are no credentials; a literal beside them is found", () => {
    const path = 'oauth2/src/main/java/org/example/JdbcAuthorizationService.java';
    const sql = '\tprivate static final String ACCESS_TOKEN_FILTER = "access_token_value = ?";\n\tprivate static final String REFRESH_TOKEN_FILTER = "refresh_token_value = $1 AND client_id = :clientId";\n\tprotected static final String TOKEN_METADATA_NAMESPACE = "metadata.token.";\n';
    assert.deepEqual(shown(sql, path), []);
    const k = key();
    assert.deepEqual(shown(`${sql}\tprivate static final String DEFAULT_TOKEN = "${k}";\n`, path), [k]);
  });

  it("a ternary's branch after a credential word is not its value; a literal member beside it is found", () => {
    const path = 'packages/core/src/db/schema.ts';
    assert.deepEqual(shown('  required: field.isPrimaryKey ? true : !field.isOptional,\n', path), []);
    const k = key();
    assert.deepEqual(shown(`  required: field.isPrimaryKey ? true : !field.isOptional,\n  apiKey: '${k}',\n`, path), [k]);
  });

  it("a package's version specifier or scoped name under a dependency named after a credential word is no credential; a key in the manifest's config is found", () => {
    const path = 'demo/package.json';
    const deps = '{\n  "dependencies": {\n    "next-auth": "workspace:*",\n    "better-auth": "workspace:^",\n    "auth-ui": "link:../../packages/auth-ui",\n    "api-key": "@acme/api-key"\n  }\n}\n';
    assert.deepEqual(shown(deps, path), []);
    const k = key();
    assert.deepEqual(shown(deps.replace('"dependencies"', `"config": { "apiKey": "${k}" },\n  "dependencies"`), path), [k]);
  });

  it('rate limits, Ruby durations and style rules under password names are notations; a password beside them is found', () => {
    const k = key();
    assert.deepEqual(shown(`RATE_LIMITS = {\n    "change_password": "5/m/user",\n    "reset_password": "20/m/ip,5/m/key",\n}\n`, 'auth/app_settings.py'), []);
    assert.deepEqual(shown(`RATE_LIMITS = {\n    "change_password": "5/m/user",\n    "smtp_password": "${k}",\n}\n`, 'auth/app_settings.py'), [k]);
    assert.deepEqual(shown('  @@reset_password_within = 6.hours\n  # reset_password_within = 1.day and reset_password_sent_at = 4.days.ago\n', 'lib/auth/models/recoverable.rb'), []);
    assert.deepEqual(shown(`  "Password": ".login-password {}\\n.login-password-input{}",\n  "SmtpPassword": "${k}",\n`, 'web/src/theme.js'), [k]);
  });

  it('a name saying the password is hashed, salted or encrypted holds a digest; a hash or cipher key, and the password itself, are found', () => {
    const path = 'packages/core/src/users/password.test.ts';
    const md5 = createHash('md5').update('a person\u2019s password').digest('hex');
    const sha256 = createHash('sha256').update('another').digest('hex');
    assert.deepEqual(shown(`  passwordEncrypted: '${md5}',\n  encryptedPassword: '${sha256}',\n  hashed_password: '${sha256}',\n  salted_password: '${md5}',\n`, path), []);
    const k = key();
    assert.deepEqual(shown(`  passwordEncrypted: '${md5}',\n  password: '${k}',\n`, path), [k]);
    // (The clear text of a hashed password, so named, is the password.)
    assert.deepEqual(shown(`  hashedPasswordCleartext: '${k}',\n`, path), [k]);
    // (`HASH_SECRET`, `ENCRYPTION_KEY`: the key of a hash and of a cipher are credentials.)
    assert.deepEqual(shown(`HASH_SECRET=${k}\nENCRYPTION_KEY=${k}x\n`, 'deploy/.env'), [k, `${k}x`]);
  });
});

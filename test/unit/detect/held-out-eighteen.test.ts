import { strict as assert } from 'node:assert';
import { fake, rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on an eighteenth held-out set (twelve public repositories of self-hosted apps
// in Java, Go, PHP, .NET and Python: an e-commerce and an admin system with their diagrams and
// Postman collections, a blog, a notes app, a file browser, a Git service, a finance manager, a media
// server, a reference .NET shop, an automation controller, two data-pipeline tools; 2026-12-07:
// docs/detection.md "Held-out set eighteen"), each judged by the principle that rejects it, with
// synthetic lines of the same shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-eighteen');

describe('held-out set eighteen', () => {
  it("a theme's scope selectors (exclusions, groups) in a bundled editor are scope names, and a source map is a bundler's artifact judged by provider formats; keys there are found", () => {
    const theme = (token: string) => `"use strict";(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[3835],{73835:function(e){e.exports=JSON.parse('{"rules":[{"token":"${token}","foreground":"FFFFFF"}]}')}}]);\n`;
    const chunk = 'server/frontend_dist/_next/static/chunks/3835.df296b4e4078e985.js';
    for (const selector of ['meta.class -meta.class.instance', 'meta.function-call entity.name.function -(meta.function-call meta.function)', 'markup.heading | markup.heading entity.name', 'meta.property.vendor.microsoft.trident.4 support.type.property-name', 'support.function.C99.c']) {
      assert.deepEqual(shown(theme(selector), chunk), [], selector);
    }
    assert.deepEqual(shown('{"version":3,"sourcesContent":["var _ref4 = {auth: redirectUrl}; function f(_ref) { var auth=_ref.auth,authActions=_ref.authActions; }"]}\n', 'rest_api/_swagger/swagger-ui.js.map'), []);
    // A drawn literal in a bundle is still judged (held-out-classes.test.ts); a provider's key in a source map too.
    const k = key();
    assert.deepEqual(shown(theme(k), chunk), [k]);
    const pat = fake.githubPat();
    assert.deepEqual(shown(`{"version":3,"sourcesContent":["const token = '${pat}';"]}\n`, 'dist/app.js.map'), [pat]);
  });

  it("a signed URL's token (an access key's id and one URL's signature), an Azure resource type, a sentinel, a masked webhook: not credentials; a drawn token in the same place is found", () => {
    const ak = rand(40, undefined, pick);
    const sign = `${rand(27, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', pick)}=`;
    const diagram = (token: string) => `{"type":"image","fileId":"http://cdn.example.com/5df1f6a6e4b0c4255e96d825?e=1576142006&token=${token}"}\n`;
    assert.deepEqual(shown(diagram(`${ak}:${sign}`), 'document/pos/architecture.pos'), []);
    assert.deepEqual(shown("resource sqlAdminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2022-07-01' = {\n", 'infra/core/database/sqlserver.bicep'), []);
    assert.deepEqual(shown("        ret['password'] = '$encrypted$'\n", 'api/serializers.py'), []);
    const masked = ['T01XXXXRKMJ', 'B04XXXXGY67', '1UgUkao8pXXXXPmsuXXXX2lk'].join('/');
    assert.deepEqual(shown(`Webhook URL: https://hooks.slack.com/services/${masked}\n`, 'docs/alerting/slack.mdx'), []);
    const k = key();
    assert.deepEqual(shown(diagram(k), 'document/pos/architecture.pos'), [k]);
    assert.deepEqual(shown(`        ret['password'] = '${k}'\n`, 'api/serializers.py'), [k]);
  });

  it('code read as values (an element read by a variable, an optional chain into an element, a proto field number, a concatenation, positional format fields, a ternary branch, a list of paths, jq interpolation) is not a credential; literals there are found', () => {
    assert.deepEqual(shown("aws_secret_access_key = config[profile_name]['aws_secret_access_key']\n", 'scripts/aws'), []);
    assert.deepEqual(shown('const token = data.metadata.annotations?.[patAnnotations.ACCESS_TOKEN];\n', 'ui/src/components/TokenModal.vue'), []);
    assert.deepEqual(shown('  string smtp_password = 5 [(google.api.field_behavior) = INPUT_ONLY];\n', 'proto/api/v1/instance_service.proto'), []);
    assert.deepEqual(shown('content = new StringContent("{\\"username\\":\\"" + username + "\\",\\"password\\":\\"" + hashedPassword + "\\"}");\n', 'src/Listings/Schedules.cs'), []);
    assert.deepEqual(shown("        auth_cookie = '{1}=\"{0.session_id}\"'.format(self, session_cookie_name)\n", 'awxkit/ws.py'), []);
    assert.deepEqual(shown('  const inputId = isPasscode ? "passcode" : "recovery_code";\n', 'web/src/pages/user/MFA.tsx'), []);
    assert.deepEqual(shown('docker-compose-credential-plugins: awx/projects docker-compose-sources\n', 'Makefile'), []);
    assert.deepEqual(shown("'Run: aws iam create-access-key | jq -r \"\\\\(.AccessKey.AccessKeyId) \\\\(.AccessKey.SecretAccessKey)\"'\n", 'frontend/components/Builder/mocks.ts'), []);
    const k = key();
    assert.deepEqual(shown(`aws_secret_access_key = '${k}'\n`, 'scripts/aws.py'), [k]);
    assert.deepEqual(shown(`  const inputId = { "passcode": "${k}" };\n`, 'web/src/pages/user/MFA.tsx'), [k]);
  });

  it("names, prose and typed values: a Django lookup or a model's name, Spanish punctuation, words with a count; a drawn value under the same name is found", () => {
    assert.deepEqual(shown("            'created_by__password__icontains=pbkdf2search=foo',\n", 'tests/unit/utils/test_filter_parse.py'), []);
    assert.deepEqual(shown("OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = 'main.OAuth2AccessToken'\n", 'settings/defaults.py'), []);
    assert.deepEqual(shown('form.password.forgot=¿Olvidaste tu contraseña?\n', 'templates/login_local_es.properties'), []);
    // Among symbols `¿` is a password's character (the first version of this rule lost such cases).
    assert.deepEqual(shown("db_pass: 'B;.:-¨#*¿?%'\n", 'config/app.yml'), ['B;.:-¨#*¿?%']);
    assert.deepEqual(shown('APP_KEY=SomeRandomStringOf32CharsExactly\n', '.ci/.env.ci'), []);
    const k = key();
    assert.deepEqual(shown(`APP_KEY=${k}\n`, '.ci/.env.ci'), [k]);
    assert.deepEqual(shown(`OAUTH2_PROVIDER_ACCESS_TOKEN = '${k}'\n`, 'settings/defaults.py'), [k]);
  });
});

import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twelfth held-out set (twelve public repositories: a Laravel app, a
// JHipster Spring app, a .NET password-manager server with T-SQL stored procedures, an Ansible
// playbook set, a Terraform module, Helm charts, a self-hosted compose stack, a Rust search
// server, a Go LLM gateway, a Go LLM runtime with C++ backends, a Rails site and a Python agent
// server; 2026-12-07: docs/detection.md "Held-out set twelve"), each judged by the principle that
// rejects it, with synthetic lines of the same shape and, beside each, a value in the same place
// that must still be found.
const shown = shownValues;
const { pick, key } = seededDraws('held-out-twelve');
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('held-out set twelve', () => {
  it("base64 of words and echo's line end (`echo word | base64`) is judged as the words; base64 of drawn bytes is found", () => {
    const values = (v: string) => `extraObjects:\n  - apiVersion: v1\n    kind: Secret\n    stringData:\n      api-key: ${v} # a comment\n`;
    assert.deepEqual(shown(values(b64('sample-api-key\n')), 'charts/app/ci/extra-values.yaml'), []);
    assert.deepEqual(shown(values(b64('sample-app-key\r\n')), 'charts/app/ci/extra-values.yaml'), []);
    const drawn = randomBytes(24).toString('base64');
    assert.deepEqual(shown(values(drawn), 'charts/app/ci/extra-values.yaml'), [drawn]);
    // A drawn value and a line end stays drawn.
    const drawnLine = b64(`${key()}\n`);
    assert.deepEqual(shown(values(drawnLine), 'charts/app/ci/extra-values.yaml'), [drawnLine]);
  });

  it('a name after a sigil is a parameter (T-SQL `[Column] = @Column`); a drawn value written there is found', () => {
    const proc = (v: string) => `UPDATE [dbo].[Device]\nSET\n    [Name] = @Name,\n    [EncryptedAccessKey] = ${v},\n    [RevisionDate] = @RevisionDate\n`;
    assert.deepEqual(shown(proc('@EncryptedAccessKey'), 'src/Sql/Device_Update.sql'), []);
    assert.deepEqual(shown('    [ResetSecretKey] = @ResetSecretKey\n', 'src/Sql/User_Update.sql'), []);
    // A literal in SQL is quoted (SQL scripts are program source: an unquoted word is an identifier).
    const k = key();
    assert.deepEqual(shown(proc(`'${k}'`), 'src/Sql/Device_Update.sql'), [k]);
  });

  it('a qualified name (`ROTP::Base32.random`) or a call through a pointer (`request->tokens()`) is code; a literal in its place is found', () => {
    assert.deepEqual(shown('    session[:otp_secret] = Otp::Base32.random\n', 'app/controllers/settings_controller.rb'), []);
    assert.deepEqual(shown('    for (const auto token : request->tokens()) {\n', 'backend/grpc-server.cpp'), []);
    const k = key();
    // (A literal in Ruby is quoted; an unquoted word there is a method or a variable.)
    assert.deepEqual(shown(`    session[:otp_secret] = '${k}'\n`, 'app/controllers/settings_controller.rb'), [k]);
    const k2 = key();
    assert.deepEqual(shown(`    const auto token = "${k2}";\n`, 'backend/grpc-server.cpp'), [k2]);
  });

  it("Laravel's validation rules (`'password' => 'required|string|min:8'`) are rule names; a drawn password there is found", () => {
    const rules = (v: string) => `        return [\n            'email' => 'required|email',\n            'password' => '${v}',\n        ];\n`;
    assert.deepEqual(shown(rules('required|string'), 'app/Services/AcceptInvite.php'), []);
    assert.deepEqual(shown(rules('required|alpha_dash|string|max:255'), 'app/Services/AcceptInvite.php'), []);
    const k = key();
    assert.deepEqual(shown(rules(k), 'app/Services/AcceptInvite.php'), [k]);
    // `|` between pieces that are not rule names is no rule list.
    const pw = `${rand(6, undefined, pick)}|${rand(6, undefined, pick)}7Qz`;
    assert.deepEqual(shown(rules(pw), 'app/Services/AcceptInvite.php'), [pw]);
  });

  it("the quote after `name=` that closes the string the name is in (`'?access_token='.config(…)`) leaves the parameter empty; a key inside the string is found", () => {
    assert.deepEqual(shown("        $url .= '?access_token='.config('services.maps_key');\n", 'app/Helpers/MapHelper.php'), []);
    assert.deepEqual(shown('        url = "https://tiles.example.net/v1/q?key=" + settings.mapsKey;\n', 'src/maps.js'), []);
    const k = key();
    assert.deepEqual(shown(`        $url .= '?access_token=${k}';\n`, 'app/Helpers/MapHelper.php'), [k]);
  });

  it("`$$name` in a Makefile is the shell's variable (make's escape for `$`); a literal there is found", () => {
    const recipe = (v: string) => `setup-config:\n\t@echo "[llm]" > config.toml\n\techo "api_key=\\"${v}\\"" >> config.toml\n`;
    assert.deepEqual(shown(recipe('$$llm_api_key'), 'Makefile'), []);
    const k = key();
    assert.deepEqual(shown(recipe(k), 'Makefile'), [k]);
  });

  it('a reference to a key of a secret (`$slack-token`) or to the environment (`env:REGISTRY_SECRET`) is no value; a literal in its place is found', () => {
    const notifiers = (v: string) => `notifiers:\n  service.slack: |\n    token: ${v}\n`;
    assert.deepEqual(shown(notifiers('$slack-token'), 'charts/cd/values.yaml'), []);
    const registry = (v: string) => `registries:\n  - name: private\n    credentials: ${v}\n`;
    assert.deepEqual(shown(registry('env:REGISTRY_SECRET'), 'charts/image-updater/values.yaml'), []);
    const k = key();
    assert.deepEqual(shown(notifiers(k), 'charts/cd/values.yaml'), [k]);
    const k2 = key();
    assert.deepEqual(shown(registry(k2), 'charts/image-updater/values.yaml'), [k2]);
  });

  it('a list of names of secrets (`"APP-DEPLOY-KEY,APP-CLIENT-ID"`) names them; a key, or keys of capitals listed, are found', () => {
    const step = (v: string) => `      - uses: ./.github/actions/get-secrets\n        with:\n          secrets: "${v}"\n`;
    assert.deepEqual(shown(step('GH-APP-ID,GH-APP-KEY'), '.github/workflows/build.yml'), []);
    assert.deepEqual(shown('        env:\n          VAULT_SECRETS: DD-API-KEY, LOAD-CLIENT-ID, LOAD-USER-PASSWORD-HASH\n', '.github/workflows/load.yml'), []);
    const k = key();
    assert.deepEqual(shown(step(k), '.github/workflows/build.yml'), [k]);
    const CAPS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const group = () => `${rand(2, CAPS, pick)}${rand(1, '23456789', pick)}${rand(2, CAPS, pick)}`;
    const keys = `${group()}-${group()}-${group()},${group()}-${group()}-${group()}`;
    assert.deepEqual(shown(step(keys), '.github/workflows/build.yml'), [keys]);
  });

  it('counting in digits and letters at once (`1a2b3c4d5e6f7g8h9i0j`) is typed filler; a drawn value is found', () => {
    assert.deepEqual(shown("    api_key = '1a2b3c4d5e6f7g8h9i0j'\n", 'tests/unit/test_logging.py'), []);
    assert.deepEqual(shown("    api_key = 'a1b2c3d4e5f6g7h8'\n", 'tests/unit/test_logging.py'), []);
    const k = key();
    assert.deepEqual(shown(`    api_key = '${k}'\n`, 'tests/unit/test_logging.py'), [k]);
  });

  it("a string constant spelling a run of its own name's words (`PasswordlessSignInPurpose = \"PasswordlessSignIn\"`) is a name; a drawn value there is found", () => {
    const line = (v: string) => `    public const string PasswordlessSignInPurpose = "${v}";\n`;
    assert.deepEqual(shown(line('PasswordlessSignIn'), 'src/Admin/Auth/SignInManager.cs'), []);
    const k = key();
    assert.deepEqual(shown(line(k), 'src/Admin/Auth/SignInManager.cs'), [k]);
  });

  it('a .NET configuration key with an index (`Kestrel:Endpoints:0:Url`) and a SQL column in double quotes (`oa."ApiKey"`) are names; values there are found', () => {
    assert.deepEqual(shown('{\n  "Secret": "Certificates:0:FileName"\n}\n', 'appsettings.json'), []);
    const k = key();
    assert.deepEqual(shown(`{\n  "Secret": "${k}"\n}\n`, 'appsettings.json'), [k]);
    const sql = (v: string) => `UPDATE "Organization" AS o\nSET "ApiKey" = ${v}\nFROM "OrganizationApiKey" AS oa\n`;
    assert.deepEqual(shown(sql('oa."ApiKey"'), 'util/HelperScripts/down.psql'), []);
    const k2 = key();
    assert.deepEqual(shown(sql(k2), 'util/HelperScripts/down.psql'), [k2]);
  });

  it('ciphertext in an encryption envelope (`2.<iv>|<data>|<mac>`, an EncString) is not a key; a drawn key in its place is found', () => {
    const enc = `2.${randomBytes(16).toString('base64')}|${randomBytes(32).toString('base64')}|${randomBytes(32).toString('base64')}`;
    const line = (v: string) => `        EncryptedPrivateKey = "${v}",\n`;
    assert.deepEqual(shown(line(enc), 'test/Api.IntegrationTest/OrganizationTests.cs'), []);
    const drawn = randomBytes(30).toString('base64');
    assert.deepEqual(shown(line(drawn), 'test/Api.IntegrationTest/OrganizationTests.cs'), [drawn]);
  });
});

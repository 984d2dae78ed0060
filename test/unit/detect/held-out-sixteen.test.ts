import { strict as assert } from 'node:assert';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';
import { scanText } from '../../../core/detect/index';

// Value classes read on a sixteenth held-out set (twelve public repositories of identity servers,
// PKI and self-hosting infrastructure: an SSO portal, an OIDC provider, a CA, an identity API in Go,
// a Rails agent platform, Kubernetes home labs, OpenStack's and Ansible's playbooks, a mobile app,
// LLM samples on AWS; 2026-12-07: docs/detection.md "Held-out set sixteen"), each judged by the
// principle that rejects it, with synthetic lines of the same shape and, beside each, a value in the
// same place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-sixteen');
const CRYPT = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const b32 = (text: string) => {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, acc = 0, out = '';
  for (const byte of Buffer.from(text)) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) out += A[(acc >> (bits -= 5)) & 31];
  }
  return bits ? out + A[(acc << (5 - bits)) & 31] : out;
};

describe('held-out set sixteen', () => {
  it('references and names, not values: a JSON Pointer, a settings key path, an OID, a URN, an IP network, a YAML tag, Grafana and Ruby environment reads; literals in their place are found', () => {
    assert.deepEqual(shown('      password: "#/components/schemas/updateLoginFlowWithPasswordMethod"\n', 'schema/openapi/patches/selfservice.yaml'), []);
    assert.deepEqual(shown('\tViperKeyPasswordProfileGroup = "selfservice.methods.password.config.password_profile_node_group"\n', 'driver/config/config.go'), []);
    assert.deepEqual(shown('\tldapOIDExtensionPwdModify = "1.3.6.1.4.1.4203.1.11.1"\n', 'internal/authentication/const.go'), []);
    assert.deepEqual(shown('\tsubjectConfirmationMethodBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer"\n', 'connector/saml/saml.go'), []);
    assert.deepEqual(shown('        env:\n          PLEX_NO_AUTH_NETWORKS: 192.168.10.0/24\n', 'kubernetes/apps/plex/helmrelease.yaml'), []);
    assert.deepEqual(shown('sonarr:\n  main:\n    api_key: !env_var SONARR_API_KEY\n', 'kubernetes/apps/recyclarr/recyclarr.yml'), []);
    assert.deepEqual(shown('    client_secret: $__env{GRAFANA_SSO_CLIENT_SECRET}\n', 'platform/grafana/values.yaml'), []);
    assert.deepEqual(shown("  json['RudderApiKey'] = ENV['RUDDER_API_KEY']\n", 'fastlane/Fastfile'), []);
    const k = key();
    assert.deepEqual(shown(`sonarr:\n  main:\n    api_key: ${k}\n`, 'kubernetes/apps/recyclarr/recyclarr.yml'), [k]);
    assert.deepEqual(shown(`    client_secret: ${k}\n`, 'platform/grafana/values.yaml'), [k]);
  });

  it('code and styles read as values (a Ruby instance variable in ERB, a struct literal\'s next field, a CSS colour, a list of records under a credential key) are not credentials; a value beside them is found', () => {
    assert.deepEqual(shown("<% url = web_requests_url(:secret => @agent.options['secret'], :format => format) %>\n", 'app/views/agents/_show.html.erb'), []);
    assert.deepEqual(shown('\t\t{d: "v0", cf: loginFixtureSuccessV0Credentials, sf: loginFixtureSuccessV0Response},\n', 'selfservice/strategy/webauthn/login.go'), []);
    assert.deepEqual(shown(':root { --bg:#0f172a; --pass:#22c55e; --fail:#ef4444; }\n', 'detox/utils/report.js'), []);
    assert.deepEqual(shown('webauthn_credentials:\n  - created_at: 2024-11-16T12:05:07.619896565Z\n    rpid: login.example.com\n', 'internal/suites/webauthn/credential.yaml'), []);
    const k = key();
    assert.deepEqual(shown(`authorization:\n  - Bearer ${k}\n`, 'internal/suites/webauthn/cassette.yaml'), [k]);
  });

  it("a label of capitalised words (a brand's camel case first), a note in a release-notes folder, an identifier's or a proof's name: not credentials; a drawn value is found", () => {
    assert.deepEqual(shown('openstack_ssh_signing_key: "OpenStack-Ansible-SSH-Signing-Key"\n', 'inventory/group_vars/all/ssh.yml'), []);
    assert.deepEqual(shown('features:\n  - |\n    Example:\n      login_password: admin\n', 'releasenotes/notes/keystone-users-e35b0b335b6522e9.yaml'), []);
    assert.deepEqual(shown('\tres := get(t, ts, "/identities?credentials_identifier=ProviderID:293b5d9b-1009-4600-a3e9-bd1845de22f2")\n', 'identity/handler.go'), []);
    const proof = rand(64, '0123456789abcdef', pick);
    assert.deepEqual(shown(`\tIssuer: "https://graph.facebook.com/me?fields=id,name&appsecret_proof=${proof}",\n`, 'strategy/oidc/provider_userinfo.go'), []);
    const k = key();
    assert.deepEqual(shown(`openstack_ssh_signing_key: "${k}"\n`, 'inventory/group_vars/all/ssh.yml'), [k]);
    assert.deepEqual(shown(`\tIssuer: "https://graph.facebook.com/me?fields=id,name&client_secret=${k}",\n`, 'strategy/oidc/provider_userinfo.go'), [k]);
  });

  it('encodings of text and hash-shaped values: a pagination cursor (base64 of JSON without credential names), a TOTP secret that is base32 of typed text, a truncated crypt hash; drawn ones are found', () => {
    const cursor = Buffer.from('{"offset":"50","v":2}').toString('base64url');
    const snapshot = `{\n  "link": "\\u003chttp://example.com?page_size=50\\u0026page_token=${cursor}\\u003e; rel=\\"next\\""\n}\n`;
    assert.deepEqual(shown(snapshot, 'oryx/pagination/.snapshots/TestPaginationHeader.json'), []);
    const typed = b32('sdfasdasdfsdfasdfgsdfasd');
    assert.deepEqual(shown(`\t\tsecret:     "${typed}",\n`, 'internal/totp/totp_util.go'), []);
    // A .dockerconfigjson's `auths` holds credentials: base64 of that JSON is still judged.
    const auths = Buffer.from(JSON.stringify({ auths: { 'registry.example': { auth: rand(24, undefined, pick) } } })).toString('base64');
    assert.deepEqual(shown(`  registry_token: ${auths}\n`, 'deploy/values.yaml'), [auths]);
    const drawn = rand(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', pick);
    assert.deepEqual(shown(`\t\tsecret:     "${drawn}",\n`, 'internal/totp/totp_util.go'), [drawn]);
    // Crypt hashes whose fields do not fit a function's lengths (a parser's test, a playbook's example) sit at 0.3.
    const broken = `$6$rounds00000$${rand(16, CRYPT, pick)}$${rand(40, CRYPT, pick)}`;
    const md5crypt = `$1$SomeSalt$${rand(21, CRYPT, pick)}`;
    const yaml = `users:\n  - password: "${broken}"\n  - password: ${md5crypt}.\n`;
    assert.deepEqual(scanText(yaml, { path: 'playbooks/users.yml' }).map((f) => [yaml.slice(f.start, f.end), f.confidence]), [[broken, 0.3], [md5crypt, 0.3]]);
    const pw = `${rand(12, undefined, pick)}#8`;
    assert.deepEqual(shown(`users:\n  - password: "${pw}"\n`, 'playbooks/users.yml'), [pw]);
  });

  it("an API's or a configuration's description (OpenAPI, JSON Schema) is documentation, and Google Authenticator's published TOTP example is public; a drawn key there is found", () => {
    const schema = '{\n  "properties": {\n    "authorization_header": {\n      "type": "string",\n      "examples": ["Bearer 2389s8fs9d8fus9f"]\n    }\n  }\n}\n';
    assert.deepEqual(shown(schema, 'oryx/otelx/config.schema.json'), []);
    assert.deepEqual(shown(schema, 'oryx/otelx/config.json'), ['2389s8fs9d8fus9f'], 'the same line in a configuration file is judged where it runs');
    assert.deepEqual(shown('{\n  "totp_url": "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP\\u0026issuer=Example"\n}\n', 'identity/.snapshots/TestImportTOTP.json'), []);
    const k = key();
    assert.deepEqual(shown(`components:\n  examples:\n    token: "${k}"\n`, 'api/openapi.yml'), [k]);
  });
});

import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on an eighth held-out set (twelve public repositories of kinds no set had: a C
// library, Elixir/Phoenix, Django, Nuxt, Deno, Go microservices, Airflow/dbt, Keycloak, SwiftUI, Home
// Assistant, NixOS, Actions templates; 2026-12-07: docs/detection.md "Held-out set eight"), each judged
// by the principle that rejects it, with synthetic lines of the same shape and, beside each, a value
// in the same place that must still be found.
const shown = shownValues;
const { pick, key } = seededDraws('held-out-eight');

describe('held-out set eight: members and calls of program source', () => {
  it("a member read through a pointer (C's data->state.creds) is read at run time; a literal there is found", () => {
    const c = [
      '  creds = data->state.creds;\n',
      '  unsigned long auth = data->set.httpauth;\n',
      '  const char *passwd = ssl_config->primary.key_passwd;\n',
      '  sslc->primary.key_blob = data->set.blobs[BLOB_KEY];\n',
      '  token_gain = r->rate_per_step * elapsed_steps;\n',
    ];
    for (const line of c) assert.deepEqual(shown(line, 'lib/http.c'), [], line);
    const k = key();
    assert.deepEqual(shown(`  creds = "${k}";\n`, 'lib/http.c'), [k]);
  });

  it('an optional chain (currentUser.value?.token in a Vue template) is code; a literal compared there is found', () => {
    const vue = [
      '<div v-if="user.token === currentUser?.token" i-ri:check-line />\n',
      '  ...all.value.filter(account => account.token !== currentUser.value?.token),\n',
    ];
    for (const line of vue) assert.deepEqual(shown(line, 'app/components/user/UserSwitcher.vue'), [], line);
    const k = key();
    assert.deepEqual(shown(`const token = '${k}'\n`, 'app/components/user/UserSwitcher.vue'), [k]);
  });

  it("Elixir: an Erlang module's call and a string's #{} interpolation are computed; a literal there is found", () => {
    assert.deepEqual(shown('      session_token: :crypto.strong_rand_bytes(32),\n', 'lib/app/factory.ex'), []);
    assert.deepEqual(shown('      scope_key: "secret_scan:package:#{release.package_id}"\n', 'lib/app/secret_scan.ex'), []);
    assert.deepEqual(shown('      group_key: "secret_scan:release:#{release.id}",\n', 'lib/app/secret_scan.ex'), []);
    const k = key();
    assert.deepEqual(shown(`      session_token: "${k}",\n`, 'lib/app/factory.ex'), [k]);
    assert.deepEqual(shown(`      api_key: "${k}"\n`, 'lib/app/secret_scan.ex'), [k]);
  });

  it('a dotted path of snake_case fields (an Airflow connection mapping) is a name; a key mapped there is found', () => {
    const py = ['    "jwt_token": "extra.jwt__token",\n', '    "client_private_key": "extra.certs__client_key_path",\n'];
    for (const line of py) assert.deepEqual(shown(line, 'cosmos/profiles/trino/jwt.py'), [], line);
    const k = key();
    assert.deepEqual(shown(`    "jwt_token": "${k}",\n`, 'cosmos/profiles/trino/jwt.py'), [k]);
  });
});

describe('held-out set eight: formats, schemes and mechanisms', () => {
  it('a printf conversion with a width or precision from an argument (%.*s) is a format; a key after Authorization is found', () => {
    assert.deepEqual(shown('  auth_headers = curl_maprintf("Authorization: %.*s4-HMAC-SHA256 "\n', 'lib/http_aws_sigv4.c'), []);
    const k = key();
    assert.deepEqual(shown(`  auth_headers = curl_maprintf("Authorization: Bearer ${k}");\n`, 'lib/http_aws_sigv4.c'), [k]);
  });

  it("a Signature V4 algorithm of any provider names the scheme; a bearer token in the same file is found", () => {
    const sig = rand(64, 'abcdef0123456789', pick);
    const line = `Authorization: PROVIDER14-HMAC-SHA256 Credential=keyId/19700101/region/service/provider14_request, SignedHeaders=content-type;host, Signature=${sig}\n`;
    assert.deepEqual(shown(line, 'tests/data/test1937'), []);
    assert.deepEqual(shown(line.replace('PROVIDER14', 'GOOG4'), 'docs/signing.md'), []);
    const k = key();
    assert.deepEqual(shown(`Authorization: Bearer ${k}\n`, 'docs/signing.md'), [k]);
  });

  it("a POP or IMAP URL's ;AUTH= names a SASL mechanism; a password in the same URL is found", () => {
    assert.deepEqual(shown("'pop3://user;AUTH=EXTERNAL@%HOSTIP:%POP3PORT/%TESTNUMBER'\n", 'tests/data/test883'), []);
    assert.deepEqual(shown('imap://joe;AUTH=GSSAPI@mail.example.net/INBOX\n', 'docs/imap.md'), []);
    const pw = `${rand(14, undefined, pick)}8`;
    assert.deepEqual(shown(`imap://joe:${pw}@mail.example.net/INBOX\n`, 'docs/imap.md'), [pw]);
  });
});

describe('held-out set eight: published examples', () => {
  it("the OAuth 2.0 RFCs' example credentials are published; a drawn token in their place is found", () => {
    const lines = [
      'Authorization: Bearer mF_9.B5f-4.1JqM',
      '       "access_token":"2YotnFZFEjr1zCsicMWpAA",',
      '       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",',
      '     Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW',
      '     client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw',
    ];
    for (const line of lines) assert.deepEqual(shown(`${line}\n`, 'tests/data/test2074'), [], line);
    const k = key();
    assert.deepEqual(shown(`Authorization: Bearer ${k}\n`, 'tests/data/test2074'), [k]);
    assert.deepEqual(shown(`       "access_token":"${k}",\n`, 'docs/oauth.md'), [k]);
  });
});

describe('held-out set eight: keys without their armour', () => {
  it("a private key's DER in base64 (PKCS#1, PKCS#8, SEC1) is found; the public key beside it and an elided key are not", () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const b64 = (b: Buffer) => b.toString('base64');
    const keys = [
      b64(rsa.privateKey.export({ format: 'der', type: 'pkcs1' })),
      b64(rsa.privateKey.export({ format: 'der', type: 'pkcs8' })),
      b64(ec.privateKey.export({ format: 'der', type: 'sec1' })),
      b64(ec.privateKey.export({ format: 'der', type: 'pkcs8' })),
    ];
    for (const k of keys) assert.deepEqual(shown(`    "privateKey": "${k}",\n`, 'src/test/resources/quickstart-realm.json'), [k]);
    const xml = `<Key signing="true">\n  <PrivateKeyPem>\n    ${keys[0]}\n  </PrivateKeyPem>\n</Key>\n`;
    assert.deepEqual(shown(xml, 'src/main/webapp/WEB-INF/keycloak-saml.xml'), [keys[0]]);
    const pub = b64(rsa.publicKey.export({ format: 'der', type: 'spki' }));
    assert.deepEqual(shown(`    "publicKey": "${pub}",\n`, 'src/test/resources/quickstart-realm.json'), []);
    assert.deepEqual(shown(`    "privateKey": "${keys[0]!.slice(0, 60)}...",\n`, 'docs/realm.md'), []);
  });
});

describe('held-out set eight: names of nested options', () => {
  it("the last level of a nested option (--spi-…--hmac-secret=) names the value; a nested option's non-secret level does not", () => {
    const k = key();
    const sh = `  SERVER_ARGS="$SERVER_ARGS --spi-action-token-handler--external-app-notification--hmac-secret=${k}";\n`;
    assert.deepEqual(shown(sh, '.github/scripts/start-local-server.sh'), [k]);
    const name = `  SERVER_ARGS="$SERVER_ARGS --spi-events-listener--sysout--exclude-events=${k}";\n`;
    assert.deepEqual(shown(name, '.github/scripts/start-local-server.sh'), []);
  });
});

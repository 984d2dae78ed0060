import { strict as assert } from 'node:assert';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a ninth held-out set (twelve public repositories of web platforms and
// infrastructure as code no set had: PostgREST (Haskell), Symfony's demo (PHP), Pulumi's and
// Serverless' examples, Mojolicious (Perl), a Puppet module, LazyVim (Lua), Play samples (Scala),
// Cloudflare's templates, Supabase's Helm chart, Expo's examples, FlutterFire (Dart, Swift,
// Objective-C); 2026-12-07: docs/detection.md "Held-out set nine"), each judged by the principle that
// rejects it, with synthetic lines of the same shape and, beside each, a value in the same place
// that must still be found.
const shown = shownValues;
const { pick, key } = seededDraws('held-out-nine');

describe('held-out set nine: what a file is', () => {
  it("Perl's modules and test scripts (.pm, .t) are program source: a sigil variable is read at run time; a literal is found", () => {
    const perl = [
      'my $authorization = $headers->authorization;\n',
      'my $secrets = $self->app->secrets;\n',
      "my $token = $t->ua->get('/forgery')->res->dom->at('[name=csrf_token]')->val;\n",
      'my $token  = $c->session->{csrf_token};\n',
    ];
    for (const line of perl) {
      assert.deepEqual(shown(line, 'lib/Mojolicious/Controller.pm'), [], line);
      assert.deepEqual(shown(line, 't/mojolicious/app.t'), [], line);
    }
    const k = key();
    assert.deepEqual(shown(`my $token = "${k}";\n`, 'lib/Mojolicious/Controller.pm'), [k]);
  });

  it('a Puppet manifest (.pp) is program source: a class parameter read from another class is a variable; a literal is found', () => {
    const pp = [
      '  auth_local     => $postgresql::server::auth_local,\n',
      '  Optional[Variant[String[1], Sensitive[String[1]], Integer]] $postgres_password = $postgresql::server::postgres_password,\n',
      '  $auth_local_parameter = $auth_local ? {\n',
    ];
    for (const line of pp) assert.deepEqual(shown(line, 'manifests/server/passwd.pp'), [], line);
    const k = key();
    assert.deepEqual(shown(`  $postgres_password = '${k}',\n`, 'manifests/server/passwd.pp'), [k]);
  });
});

describe('held-out set nine: references and interpolation', () => {
  it("Symfony's container parameters (%kernel.secret%, %env(APP_SECRET)%) are references; a secret written there is found", () => {
    assert.deepEqual(shown("    secret:   '%kernel.secret%' # required\n", 'config/packages/security.yaml'), []);
    assert.deepEqual(shown("framework:\n    secret: '%env(APP_SECRET)%'\n", 'config/packages/framework.yaml'), []);
    assert.deepEqual(shown("    dsn: '%env(resolve:DATABASE_URL)%'\n    secret: '%env(string:APP_SECRET)%'\n", 'config/services.yaml'), []);
    const k = key();
    assert.deepEqual(shown(`framework:\n    secret: '${k}'\n`, 'config/packages/framework.yaml'), [k]);
  });

  it("psql's SQL interpolation (PASSWORD :'pgpass') names a variable; a password written there is found", () => {
    assert.deepEqual(shown("ALTER USER authenticator WITH PASSWORD :'pgpass';\n", 'files/db/initdb/99-roles.sql'), []);
    assert.deepEqual(shown('ALTER USER supabase_admin WITH PASSWORD :"pgpass";\n', 'files/db/initdb/99-roles.sql'), []);
    const pw = `${rand(14, undefined, pick)}8`;
    assert.deepEqual(shown(`ALTER USER authenticator WITH PASSWORD '${pw}';\n`, 'files/db/initdb/99-roles.sql'), [pw]);
    const k = key();
    assert.deepEqual(shown(`const options = { password :'${k}' };\n`, 'src/db.js'), [k]);
  });

  it("a string's interpolation (Swift's \\(expr), Dart's $libraryName) is built where it runs; a literal there is found", () => {
    assert.deepEqual(shown('    print("Firebase App Check Debug Token: \\(debugProvider.localDebugToken())")\n', 'Sources/Plugin.swift'), []);
    assert.deepEqual(shown("  final sessionKey = 'flutterfire-$libraryName-$packageVersion';\n", 'lib/src/core_web.dart'), []);
    assert.deepEqual(shown('  val authToken = "Bearer-$access_token_value"\n', 'app/src/Api.kt'), []);
    const k = key();
    assert.deepEqual(shown(`  final sessionKey = '${k}';\n`, 'lib/src/core_web.dart'), [k]);
    assert.deepEqual(shown(`    let token = "${k}"\n`, 'Sources/Plugin.swift'), [k]);
    // A password's `$` inside a word is no interpolation where `$` is a character (Swift); in Dart
    // every unescaped `$name` is one (dart.dev, "Strings"), so a password there escapes it: `\$`.
    const pw = `${rand(6, 'abcdefghjkmnpqrstuvwxyz', pick)}$X${rand(8, undefined, pick)}4`;
    assert.deepEqual(shown(`    let password = "${pw}"\n`, 'Sources/Plugin.swift'), [pw]);
    const escaped = pw.replace('$', '\\$');
    assert.deepEqual(shown(`  final password = '${escaped}';\n`, 'lib/src/core_web.dart'), [escaped]);
  });

  it('an Objective-C block literal (tokenWithCompletion:^(NSString *token, …)) is code; a literal there is found', () => {
    assert.deepEqual(shown('  [messaging tokenWithCompletion:^(NSString *_Nullable token, NSError *_Nullable error) {\n', 'Sources/Messaging.m'), []);
    const k = key();
    assert.deepEqual(shown(`  NSString *token = @"${k}";\n`, 'Sources/Messaging.m'), [k]);
  });

  it("a Pulumi type token (aws:ec2/getAmi:getAmi) names a function's type; a token compared there is found", () => {
    assert.deepEqual(shown('\tif args.Token == "aws:ec2/getAmi:getAmi" {\n', 'testing-unit-go/main_test.go'), []);
    assert.deepEqual(shown('        if args.token == "kubernetes:apps/v1:Deployment":\n', 'testing-unit-py/test_ec2.py'), []);
    const k = key();
    assert.deepEqual(shown(`\tif args.Token == "${k}" {\n`, 'testing-unit-go/main_test.go'), [k]);
  });
});

describe('held-out set nine: hashes, examples and placeholders', () => {
  it("PostgreSQL's stored password forms (md5…, SCRAM-SHA-256$…) are hashes; a plain password there is found", () => {
    const md5 = `md5${rand(32, '0123456789abcdef', pick)}`;
    assert.deepEqual(shown(`  'command' => sensitive(%(ALTER ROLE "test" ENCRYPTED PASSWORD '${md5}')),\n`, 'spec/defines/server/role_spec.rb'), []);
    assert.deepEqual(shown(`ALTER ROLE app ENCRYPTED PASSWORD '${md5}';\n`, 'db/roles.sql'), []);
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const scram = `SCRAM-SHA-256$4096:${rand(24, b64, pick)}$${rand(43, b64, pick)}=:${rand(43, b64, pick)}=`;
    assert.deepEqual(shown(`ALTER ROLE app PASSWORD '${scram}';\n`, 'db/roles.sql'), []);
    const pw = `${rand(14, undefined, pick)}8`;
    assert.deepEqual(shown(`ALTER ROLE app ENCRYPTED PASSWORD '${pw}';\n`, 'db/roles.sql'), [pw]);
  });

  it("RFC 7617's Basic example (Aladdin, open sesame) is published; a drawn password in its place is found", () => {
    const example = Buffer.from('Aladdin:open sesame').toString('base64');
    assert.deepEqual(shown(`$req->parse("Authorization: Basic ${example}\\x0d\\x0a");\n`, 't/mojo/request.t'), []);
    assert.deepEqual(shown("$req->url->parse('http://Aladdin:open%20sesame@127.0.0.1/foo/bar');\n", 't/mojo/request.t'), []);
    const pw = `${rand(14, undefined, pick)}8`;
    const drawn = Buffer.from(`Aladdin:${pw}`).toString('base64');
    assert.deepEqual(shown(`$req->parse("Authorization: Basic ${drawn}\\x0d\\x0a");\n`, 't/mojo/request.t'), [drawn]);
    assert.deepEqual(shown(`$req->url->parse('http://Aladdin:${pw}@127.0.0.1/foo/bar');\n`, 't/mojo/request.t'), [pw]);
  });

  it("a backslash before a URL's @ (Perl's \\@) escapes it: the password ends before it and is judged alone; a drawn one there is found", () => {
    assert.deepEqual(shown('$ua->proxy->https("http://sri:secr3t\\@127.0.0.1:$proxy");\n', 't/mojo/websocket_proxy_tls.t'), []);
    const pw = `${rand(14, undefined, pick)}8`;
    assert.deepEqual(shown(`$ua->proxy->https("http://sri:${pw}\\@127.0.0.1:$proxy");\n`, 't/mojo/websocket_proxy_tls.t'), [pw]);
    assert.deepEqual(shown(`DATABASE_URL=postgres://app:${pw}@db.internal:5432/app\n`, 'deploy/.env'), [pw]);
  });

  it('a value that says it is not a secret (not-a-secret--read-the-doc!) is a placeholder; a secret in its place is found', () => {
    assert.deepEqual(shown('APP_SECRET=not-a-secret--read-the-doc!\n', '.env.local.demo'), []);
    const k = key();
    assert.deepEqual(shown(`APP_SECRET=${k}\n`, '.env.local.demo'), [k]);
  });
});

describe('held-out set nine: tokens', () => {
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it("a token (bare or as a bearer token) for a role made for a test suite (postgrest_test_author) or for RFC 3092's foo@bar.com is a fixture in tests and docs; a real role's token there is found", () => {
    const token = (payload: object) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${rand(43, B64URL, pick)}`;
    const fixtures = [token({ role: 'postgrest_test_author' }), token({ role: 'postgrest_test_author', id: 'jdoe' }), token({ email: 'foo@bar.com', pass: 'foobar' })];
    for (const t of fixtures) {
      assert.deepEqual(shown(`    let auth = authHeaderJWT "${t}" in\n`, 'test/spec/Feature/Auth/AuthSpec.hs'), [], t);
      assert.deepEqual(shown(`   {\n     "token": "${t}"\n   }\n`, 'docs/how-tos/sql-user-management.rst'), [], t);
      assert.deepEqual(shown(`  curl "http://localhost:3000/todos" \\\n    -H "Authorization: Bearer ${t}"\n`, 'docs/references/auth.rst'), [], t);
    }
    const real = token({ role: 'web_anon_author', email: 'maria@acme-corp.com' });
    assert.deepEqual(shown(`    let auth = authHeaderJWT "${real}" in\n`, 'test/spec/Feature/Auth/AuthSpec.hs'), [real]);
    assert.deepEqual(shown(`  curl "http://localhost:3000/todos" \\\n    -H "Authorization: Bearer ${real}"\n`, 'docs/references/auth.rst'), [real]);
    assert.deepEqual(shown(`const token = "${fixtures[0]}";\n`, 'src/client.ts'), [fixtures[0]]);
  });
});

describe('held-out set nine: public by design', () => {
  it("a Firebase app's key in google-services.json or GoogleService-Info.plist is public by design; the same key outside one is found", () => {
    const k = `AIza${rand(35, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', pick)}`;
    // A client with many OAuth clients puts the app's id far before its key.
    const oauth = Array.from({ length: 6 }, (_, i) => `        {\n          "client_id": "406099696497-${rand(32, 'abcdefghijklmnopqrstuvwxyz0123456789', pick)}.apps.googleusercontent.com",\n          "client_type": ${i % 3 + 1}\n        }`).join(',\n');
    const client = (app: string) =>
      `    {\n      "client_info": {\n        "mobilesdk_app_id": "1:406099696497:android:${app}",\n        "android_client_info": {\n          "package_name": "io.flutter.plugins.firebase.${app}"\n        }\n      },\n      "oauth_client": [\n${oauth}\n      ],\n      "api_key": [\n        {\n          "current_key": "${k}"\n        }\n      ],\n      "services": { "appinvite_service": { "other_platform_oauth_client": [] } }\n    }`;
    const json = `{\n  "project_info": {\n    "project_number": "406099696497",\n    "project_id": "e2e-tests"\n  },\n  "client": [\n${['3ef965ff044e', 'a1b2c3d4e5f6', '0f1e2d3c4b5a'].map(client).join(',\n')}\n  ]\n}\n`;
    assert.deepEqual(shown(json, 'tests/android/app/google-services.json'), []);
    const plist = `<plist version="1.0">\n<dict>\n\t<key>API_KEY</key>\n\t<string>${k}</string>\n\t<key>GCM_SENDER_ID</key>\n\t<string>406099696497</string>\n\t<key>BUNDLE_ID</key>\n\t<string>io.flutter.plugins.example</string>\n\t<key>GOOGLE_APP_ID</key>\n\t<string>1:406099696497:ios:3ef965ff044e</string>\n</dict>\n</plist>\n`;
    assert.deepEqual(shown(plist, 'ios/Runner/GoogleService-Info.plist'), []);
    assert.deepEqual(shown(`GOOGLE_API_KEY=${k}\n`, 'tests/android/app/.env'), [k]);
  });
});

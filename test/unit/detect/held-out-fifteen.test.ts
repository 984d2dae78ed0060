import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { fake, rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';
import { scanText } from '../../../core/detect/index';
import { isTranslationCatalog } from '../../../core/files/index';

// Value classes read on a fifteenth held-out set (twelve public repositories of self-hosted apps
// and their infrastructure: Laravel and plain PHP apps, Django and Rails apps, a Node app, a mail
// server's configuration and tests, Kubernetes examples; 2026-12-07: docs/detection.md "Held-out
// set fifteen"), each judged by the principle that rejects it, with synthetic lines of the same
// shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-fifteen');
const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/=+$/, '');

describe('held-out set fifteen', () => {
  it("a translation catalog's values (a translation service's in-context markers, words of a language) are messages; a provider's key pasted there is found", () => {
    const marker = (n: number) => `crwdns${n}:0crwdne${n}:0`;
    const auth = `<?php\n\nreturn [\n    'password' => '${marker(781)}',\n    'personal_access_token' => '${marker(12312)}',\n];\n`;
    assert.deepEqual(shown(auth, 'resources/lang/aa-ER/auth.php'), []);
    assert.deepEqual(shown("<?php\nreturn ['email_credentials' => 'E-mailgegevens'];\n", 'resources/lang/nl-NL/admin/users/general.php'), []);
    assert.deepEqual(shown('{\n  "apiToken": "Sleutel-voor-toegang"\n}\n', 'public/locales/nl/common.json'), []);
    // Crowdin's markers are its documented format wherever they are; a label's words are judged by
    // where they are: outside a catalog as any value.
    assert.deepEqual(shown(auth, 'config/auth.php'), []);
    assert.deepEqual(shown("<?php\nreturn ['email_credentials' => 'E-mailgegevens'];\n", 'config/users.php'), ['E-mailgegevens']);
    // A key pasted into a catalog is found: a provider's format, and a drawn value judged by shape.
    const k = fake.openaiProject();
    const drawn = key();
    assert.deepEqual(shown(`<?php\nreturn ['api_key' => '${k}', 'secret' => '${drawn}'];\n`, 'resources/lang/en/general.php'), [k, drawn]);
    // Catalogs by their folder and file names, and names that only look like one.
    for (const p of ['config/locales/devise.de.yml', 'locale/de/LC_MESSAGES/django.po', 'lib/l10n/app_pt_BR.arb', 'ios/de.lproj/Localizable.strings', 'app/src/main/res/values-de/strings.xml']) assert.ok(isTranslationCatalog(p), p);
    for (const p of ['lang/go/main.go', 'src/i18n/index.ts', 'config/locales.yml', 'docs/lang/en/guide.md', '.env']) assert.ok(!isTranslationCatalog(p), p);
  });

  it("PHP's fully qualified names (`\\bin2hex(…)`, `\\App\\Auth\\Authenticate::class`) and a declaration's return type are code; a literal in the same place is found", () => {
    const kernel = "    protected $routeMiddleware = [\n        'auth' => \\Illuminate\\Auth\\Middleware\\Authenticate::class,\n        'auth.basic' => \\Illuminate\\Auth\\Middleware\\AuthenticateWithBasicAuth::class,\n    ];\n";
    assert.deepEqual(shown(kernel, 'app/Http/Kernel.php'), []);
    assert.deepEqual(shown("    'secret' => \\bin2hex(\\random_bytes(128)),\n    $encodedSecret = \\json_encode($merged);\n", 'app/controllers/mock.php'), []);
    assert.deepEqual(shown('    public function tokenVerify(?int $type, string $secret, Proof $proofForToken): false|Document\n', 'src/Database/Documents/User.php'), []);
    const k = key();
    assert.deepEqual(shown(`    'secret' => '${k}',\n`, 'app/controllers/mock.php'), [k]);
    // A value after a colon in a comment, not a declaration's, is still read.
    assert.deepEqual(shown(`print(api_key)  # key: ${k}\n`, 'scripts/check.py'), [k]);
  });

  it("validation rules an app extends (`required|not_array`, `'confirmed|'.rules()`) are rule names; a password literal is found", () => {
    const rules = "        $request->validate([\n            'password' => 'required|not_array',\n        ]);\n        $rules = ['password' => 'confirmed|'.Setting::passwordComplexityRulesSaving('store')];\n";
    assert.deepEqual(shown(rules, 'app/Http/Controllers/Auth/LoginController.php'), []);
    const pw = `${rand(10, undefined, pick)}!7q`;
    assert.deepEqual(shown(`        $user->password = '${pw}';\n`, 'app/Http/Controllers/Auth/LoginController.php'), [pw]);
  });

  it('password hashes in the Django legacy and phpass formats are below the threshold (shown at 0); a drawn password beside them is found', () => {
    const salt = rand(8, 'abcdefghijklmnopqrstuvwxyz', pick);
    const django = `md5$${salt}$${createHash('md5').update(salt + 'pw').digest('hex')}`;
    const phpass = `$P$B${rand(30, './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', pick)}`;
    const fixture = `[\n  {"model": "customuser.customuser", "fields": {"password": "${django}"}},\n  {"model": "customuser.customuser", "fields": {"password": "${phpass}"}}\n]\n`;
    assert.deepEqual(shown(fixture, 'app/fixtures/users.json'), []);
    const hashes = scanText(fixture, { path: 'app/fixtures/users.json' }).map((f) => [fixture.slice(f.start, f.end), f.confidence]);
    assert.deepEqual(hashes, [[django, 0.3], [phpass, 0.3]], 'each is reported as a hash below the default threshold');
    const pw = `${rand(12, undefined, pick)}#4`;
    assert.deepEqual(shown(`{"fields": {"password": "${pw}"}}\n`, 'app/fixtures/users.json'), [pw]);
  });

  it('the alphabets written in order (a character set, a key typed as one) are not drawn; a drawn key under the same name is found', () => {
    const alphabets = 'abcdefghijklmnopqrstuvwxyz' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' + '0123456789';
    assert.deepEqual(shown(`SECRET_KEY = '${alphabets}'\nSECRET_KEY_CHARSET = '${alphabets}!@#$%^&*(-_=+)'\n`, 'app/settings_ci.py'), []);
    const k = key();
    assert.deepEqual(shown(`SECRET_KEY = '${k}'\n`, 'app/settings_ci.py'), [k]);
  });

  it('a JSON literal and the next member, a selector of words, a configuration variable, an IMAP capability, a record format, a prefix and base64 of words: not credentials; values in their place are found', () => {
    assert.deepEqual(shown('          RESULT:{"prompt_injection":false,"secret_leak":false,"malicious_patch":false,"reasons":[]}\n', '.github/workflows/triage.lock.yml'), []);
    assert.deepEqual(shown("            'passwordElement': '#modal-password',\n", 'resources/views/modals/user.blade.php'), []);
    assert.deepEqual(shown('passdb {\n  password = %{ldap:userPassword}\n}\n', 'target/dovecot/auth-ldap.conf.ext'), []);
    assert.deepEqual(shown('        supports_auth_plain = "AUTH=PLAIN" in client.capabilities\n', 'src/mail/imap.py'), []);
    assert.deepEqual(shown('# Fields: user:password:uid:gid:(gecos):home:(shell):extra_fields\n', 'target/scripts/accounts.sh'), []);
    const typed = `DMS_${b64('access_token')}`;
    assert.deepEqual(shown(`export ACCESS_TOKEN='${typed}'\ncurl -H 'Authorization: Bearer ${typed}' http://localhost/userinfo\n`, 'docs/config/oauth2.md'), []);
    const k = key();
    const drawn = `DMS_${rand(24, undefined, pick)}`;
    assert.deepEqual(shown(`passdb {\n  password = ${k}\n}\n`, 'target/dovecot/auth-ldap.conf.ext'), [k]);
    assert.deepEqual(shown(`          RESULT:{"secret_leak":"${k}","reasons":[]}\n`, '.github/workflows/triage.lock.yml'), [k]);
    assert.deepEqual(shown(`curl -H 'Authorization: Bearer ${drawn}' http://localhost/userinfo\n`, 'scripts/userinfo.sh'), [drawn]);
  });
});

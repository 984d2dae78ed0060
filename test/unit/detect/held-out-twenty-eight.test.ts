import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { isTranslationCatalog } from '../../../core/files/file-kinds';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-eighth held-out set (home automation and IoT: firmware frameworks,
// hubs, gateways and an IoT platform in C++, Go, Java, PHP and JavaScript; 2026-12-07:
// docs/detection.md "Held-out set twenty-eight"), each judged by the principle that rejects it,
// with synthetic lines of the same shape and, beside each, a value in the same place that must
// still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-twenty-eight');
/** Every finding at the default threshold as `rule value`, to see what a weak default becomes. */
const reported = (text: string, path: string) =>
  scanText(text, { path })
    .filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE)
    .map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);

describe('held-out set twenty-eight', () => {
  it("LiveScript's word literal (`\\word`) under a token name is a string of that word; a drawn token there is found", () => {
    const path = 'vendor/editor/mode/lsc/lsc.ls';
    const rules = ['  * token: \\keyword.control', '    regex: \\\\b(?:if|then)\\\\b', '  * token: \\variable', '  * token: \\string.quoted', ''].join('\n');
    assert.deepEqual(shown(rules, path), []);
    const k = key();
    assert.deepEqual(shown(`${rules}api-token = '${k}'\n`, path), [k]);
  });

  it('the seam between two string literals (C++ `<<`, a macro between adjacent literals, the left operand of `+`) is code; a literal password is found', () => {
    const path = 'src/main/Store.cpp';
    const lines = [
      'q << "UPDATE Accounts SET Password=\'" << hashed << "\' WHERE (ID=" << id << ")";',
      'LOGI(TAG, "  Password=" MASKED_VALUE("\'%s\'"), psk.c_str());',
      '//std::string szUserPassword=SmtpUser+":"+SmtpPassword;',
      '',
    ].join('\n');
    assert.deepEqual(shown(lines, path), []);
    const k = key();
    assert.deepEqual(shown(`${lines}static const char *ADMIN_PASSWORD = "${k}";\n`, path), [k]);
  });

  it('a curl command built by concatenation in PHP has no credential of its own; a literal user:password is found', () => {
    const path = 'core/class/backup.class.php';
    const built = `<?php\n$cmd = "curl --retry 3 --user '" . config::readKey('repo::user') . ":" . config::readKey('repo::password') . "' -T '" . $file . "'";\n`;
    assert.deepEqual(shown(built, path), []);
    const k = key();
    assert.deepEqual(shown(`${built}$cmd2 = "curl --user 'deploy:${k}' -T x";\n`, path), [k]);
  });

  it('a CSS selector of a password field, an integer literal and a camelCase SQL parameter are not values; literals beside them are found', () => {
    const js = "const fields = {\n  Username: '#settings #login #username',\n  Password: '#settings #login #password',\n};\n";
    assert.deepEqual(shown(js, 'www/app/Settings.js'), []);
    const k = key();
    assert.deepEqual(shown(`${js}const Password2 = '${k}';\n`, 'www/app/Settings.js'), [k]);
    const h = 'static const uint16_t CMD_SET_PASSWORD = 0x00B3;\nstatic const uint32_t CMD_READ_TOKEN = 0x1F00A9C4u;\n';
    assert.deepEqual(shown(h, 'components/radar/radar.h'), []);
    assert.deepEqual(shown(`${h}static const char *BT_PASSWORD = "${k}";\n`, 'components/radar/radar.h'), [k]);
    const java = '@Query("UPDATE UserCredentialsEntity SET failedLoginAttempts = :failedLoginAttempts WHERE userId = :userId")\n';
    assert.deepEqual(shown(java, 'dao/src/main/java/UserCredentialsRepository.java'), []);
    const payload = '        var payload = {\n            flow: rootPath+flowFileInput.val(),\n            credentials: rootPath+credFileInput.val()\n        };\n';
    assert.deepEqual(shown(payload, 'src/js/ui/settings.js'), []);
    assert.deepEqual(shown(`${payload}        var keys = { credentials: '${k}' };\n`, 'src/js/ui/settings.js'), [k]);
  });

  it('a translation catalog shows messages: its weak-looking words are below the threshold, also in a copy named with a content hash; a drawn key there is found', () => {
    assert.ok(isTranslationCatalog('api/panel/static/translations/de-6c4e6bbf7d81221aac830a128705b661.json'));
    assert.ok(!isTranslationCatalog('api/panel/static/scripts/app-6c4e6bbf7d81221aac830a128705b661.json'));
    const url = '  "customUrlPlaceholder": "rtsp://usuari:contrasenya@host:port/ruta",\n';
    assert.deepEqual(reported(url, 'web/public/locales/ca/views/settings.json'), []);
    // The same URL where it runs is a weak default, reported.
    assert.equal(reported('  "stream": "rtsp://admin:admin@10.0.0.7:554/live",\n', 'config/cameras.json').length, 1);
    const label = '{"wifi_password": "WLAN-Passwort", "password_rules": "Passwortanforderungen"}\n';
    assert.deepEqual(reported(label, 'api/panel/static/translations/de-6c4e6bbf7d81221aac830a128705b661.json'), []);
    const k = `${key()}x9`;
    assert.deepEqual(shown(`{"wifi_password": "WLAN-Passwort", "api_key": "${k}"}\n`, 'api/panel/static/translations/de-6c4e6bbf7d81221aac830a128705b661.json'), [k]);
  });

  it("a URL's syntax written with words where the port goes is a template (a class set twenty-nine left); a drawn password in it, and a real URL, are found", () => {
    const path = 'legacy/storage/src/main/java/mail/StoreUriDecoder.java';
    // (The password slot of the userinfo is the URL's: `password` there is no name with a value after it.)
    const doc = '    /**\n     * <pre>\n     * imap://auth:user:password@server:port ConnectionSecurity.NONE\n     * pop3+ssl+://user:secretpass@server:port ConnectionSecurity.SSL_TLS_REQUIRED\n     * smtp://user:password:auth@server:port ConnectionSecurity.NONE\n     * </pre>\n     */\n';
    assert.deepEqual(shown(doc, path), []);
    const k = key();
    assert.deepEqual(shown(`${doc}    // e.g. imap://mailuser:${k}@server:port\n`, path), [k]);
    assert.deepEqual(shown(`${doc}    String uri = "imap://mailuser:${k}@mail.internal:993";\n`, path), [k]);
  });
});

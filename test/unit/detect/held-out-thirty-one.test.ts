import { strict as assert } from 'node:assert';
import { seededDraws, shownValues } from './shown';

// Value classes read on a thirty-first held-out set (business software: ERP, CRM, invoicing and
// time tracking in PHP, JavaScript and TypeScript; 2026-12-08: docs/detection.md "Held-out set
// thirty-one"), each judged by the principle that rejects it, with synthetic lines of the same
// shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-thirty-one');
/** Base64url of a JSON value, as a JWT's header and payload are written (RFC 7519). */
const segment = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('held-out set thirty-one', () => {
  it("Smarty's variable tags (`{$config.pass}`, `{$app.LBL_KEY|escape}`) fill a template in; a literal value attribute is found", () => {
    const path = 'modules/Admin/tpls/Settings.tpl';
    const tpl = [
      '<form name="Settings">',
      '<input name="ldap_admin_password" type="password" value="{$settings.ldap_admin_password}">',
      "<input type='text' name='connector_access_key' value='{$config.connector_access_key}'>",
      '<input type="button" accessKey="{$app.LBL_SAVE_BUTTON_KEY|escape}" value="{$app.LBL_SAVE}">',
      '<a accessKey="{$smarty.foreach.recent.iteration}" href="#">x</a>',
      '</form>',
      '',
    ].join('\n');
    assert.deepEqual(shown(tpl, path), []);
    const k = key();
    assert.deepEqual(shown(tpl.replace('</form>', `<input type="hidden" name="api_key" value="${k}">\n</form>`), path), [k]);
  });

  it('a translation whose Latin-1 letters a bundler wrote as `\\xHH` escapes is words; a drawn key in the bundle is found', () => {
    const path = 'public/build/assets/main.4f2a91c0.js';
    const bundle =
      'const es={password:"Contrase\\xF1a",confirm_password:"Confirmar contrase\\xF1a"},' +
      'de={encryption_key:"Verschl\\xFCsselung",aws_key:"AWS-Schl\\xFCssel"},' +
      'sv={password:"L\\xF6senord",forgot_password:"Gl\\xF6mt l\\xF6senord?",reset_password:"\\xC5terst\\xE4ll l\\xF6senord"};\n';
    assert.deepEqual(shown(bundle, path), []);
    const k = key();
    assert.deepEqual(shown(bundle.replace('sv={', `cfg={aws_key:"${k}"},sv={`), path), [k]);
  });

  it("one Laravel validation rule with its parameters (`'min:8'`, `'required_if:change_password,true'`) is a rule; a literal password there is found", () => {
    const path = 'app/Http/Requests/Settings/MailRequest.php';
    const rules = [
      '<?php',
      'return [',
      "    'current_password' => 'required_if:change_password,true',",
      "    'password_confirmation' => 'min:8',",
      "    'mail_password' => 'required_unless:mail_driver,log',",
      '];',
      '',
    ].join('\n');
    assert.deepEqual(shown(rules, path), []);
    const k = key();
    assert.deepEqual(shown(rules.replace('];', `    'smtp_password' => '${k}',\n];`), path), [k]);
  });

  it('PHP shapes (`::class`, `.$var.` between literals, `$this->key` in a string, a source path, a key prefix) are code; a literal key is found', () => {
    const path = 'include/Widgets/Button.php';
    const code = [
      '<?php',
      "$aliases = ['JWTAuth' => Vendor\\JWTAuth\\Facades\\JWTAuth::class];",
      "$body = '{\"authorization_amount\":'.$amount.',\"currency\":\"EUR\"}';",
      "$html = \"<input title='$this->title' accesskey='$this->access_key' class='button'>\";",
      "$link = ' accesskey=\"'.$params['accesskey'].'\" ';",
      "$beanFiles['OAuthKey'] = 'modules/OAuthKeys/OAuthKey.php';",
      "$session_key = 'password_reset_attempts_' . md5($ip_address);",
      '',
    ].join('\n');
    assert.deepEqual(shown(code, path), []);
    const k = key();
    assert.deepEqual(shown(`${code}$config['api_key'] = '${k}';\n`, path), [k]);
  });

  it("a JavaScript concatenation into a call after an attribute (`accessKey='\" + lang.get(`) is code; a literal access key is found", () => {
    const path = 'modules/Quotes/line_items.js';
    const js = [
      "cell.innerHTML = \"<button title='\" + SUGAR.language.get('app_strings', 'LBL_SELECT_TITLE') + \"' accessKey='\" + SUGAR.language.get('app_strings', 'LBL_SELECT_KEY') + \"' type='button'>\";",
      '',
    ].join('\n');
    assert.deepEqual(shown(js, path), []);
    const k = key();
    assert.deepEqual(shown(`${js}const storage = { accessKey: '${k}' };\n`, path), [k]);
  });

  it("an icon font's map of CSS escapes (`\"admin-password\": \"\\\\f161\"`) holds code points; a drawn key in it is found", () => {
    const path = 'themes/Default/css/icons.json';
    const icons = '{\n  "admin-password": "\\\\f161",\n  "api-key": "\\\\e90a",\n  "calendar": "\\\\f133"\n}\n';
    assert.deepEqual(shown(icons, path), []);
    const k = key();
    assert.deepEqual(shown(icons.replace('"calendar"', `"api_secret": "${k}",\n  "calendar"`), path), [k]);
  });

  it("jwt.io's sample claims in a token cut over two literals joined by `.` (a PHP test) make it a fixture; a cut token of a real-looking issuer is found", () => {
    const path = 'tests/unit/Auth/Jwt/TokenTest.php';
    const header = segment({ alg: 'HS256', typ: 'JWT' });
    const cut = (claims: object) => {
      const payload = segment(claims);
      const at = Math.floor(payload.length / 2);
      return [`${header}.${payload.slice(0, at)}`, `${payload.slice(at)}.${key().replace(/[^A-Za-z0-9]/g, 'x')}`];
    };
    const test = (parts: string[]) => `<?php\n$raw = "${parts[0]}" .\n    "${parts[1]}";\n$token = Token::fromString($raw);\n`;
    const sample = cut({ sub: '1234567890', name: 'John Doe', admin: true, iat: 1516239022 });
    assert.deepEqual(shown(test(sample), path), []);
    const real = cut({ sub: 'u_8f3KqL2x', iss: 'https://auth.northwind-ledger.io', name: 'Billing Service', iat: 1733650000 });
    assert.deepEqual(shown(test(real), path), [real[0]]);
  });
});

import { strict as assert } from 'node:assert';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-ninth held-out set (mobile apps: Android in Kotlin and Java, iOS in
// Swift and Objective-C; 2026-12-07: docs/detection.md "Held-out set twenty-nine"), each judged by the
// principle that rejects it, with synthetic lines of the same shape and, beside each, a value in the
// same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-twenty-nine');

describe('held-out set twenty-nine', () => {
  it('a value with REDACTED written inside it was cut by its writer; a whole drawn value beside it is found', () => {
    const path = 'docs/signin.md';
    const k1 = key(), k2 = key();
    const cut = `${k1.slice(0, 10)}REDACTED${k1.slice(10, 24)}`;
    const uuidShaped = 'a1b2c3d4-oRED-ACTED-9f8e-0123456789ab';
    const text = `\`\`\`json\n{\n  "access_token": "${cut}",\n  "client_secret": "${uuidShaped}"\n}\n\`\`\`\n`;
    assert.deepEqual(shown(text, path), []);
    const withReal = `\`\`\`json\n{\n  "access_token": "${cut}",\n  "refresh_token": "${k2}"\n}\n\`\`\`\n`;
    assert.deepEqual(shown(withReal, path), [k2]);
  });

  it("a constant spelling its own name's words in leetspeak is a typed fixture; a drawn value under such a name is found", () => {
    const path = 'testutil/src/main/java/org/example/testutil/Account.kt';
    const text = [
      'const val SANDBOX_ACCESS_TOKEN = "4cc3ss' + '70k3n"',
      'const val SANDBOX_APP_SECRET_KEY = "4pps3' + 'cr3tk3y"',
      '    refreshToken = "r3fr3sh' + 't0k3n",',
      '',
    ].join('\n');
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}const val SANDBOX_APP_SECRET_KEY_2 = "${k}"\n`, path), [k]);
  });

  it("Objective-C's dictionary literal after a credential key is built where it runs; a string literal there is found", () => {
    const path = 'App/Modules/Authentication/AuthInputsView.m';
    const text = '    NSDictionary *parameters = @{@"auth": @{@"session": self.currentSession.session, @"type": kLoginFlowType}};\n';
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}    NSDictionary *other = @{@"auth": @"${k}"};\n`, path), [k]);
  });

  it("a selector's argument labels name a method; a literal given to the same label is found", () => {
    const path = 'App/Categories/RestClient+Async.swift';
    const text = '    /// An async version of `resetPassword(forEmail:clientSecret:sendAttempt:success:failure:)`.\n';
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}    let clientSecret = "${k}"\n`, path), [k]);
  });

  it('a reverse-DNS identifier is a name; a drawn raw value in the same enum is found', () => {
    const path = 'App/Modules/QRLogin/Models/LoginCode.swift';
    const text = '    enum CodingKeys: String {\n        case loginToken = "im.chatproto.msc1234.login_token"\n';
    assert.deepEqual(shown(`${text}    }\n`, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}        case apiToken = "${k}"\n    }\n`, path), [k]);
  });

  it('a percent-encoded URL in a query parameter is a link; a drawn value in the same parameter is found', () => {
    const path = 'app/src/test/kotlin/org/example/link/LinkHandlerTest.kt';
    const enc = 'https%253A%252F%252Fcode.host.net%252Fapp%252F%2526a=b';
    const text = `        val uri = "https://host.net/invite/#url=http://host.local:8123?pre-auth=${enc}&next=1".toUri()\n`;
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}        val other = "https://host.net/invite/#url=http://host.local:8123?pre-auth=${k}&next=1".toUri()\n`, path), [k]);
  });

  it("an Interface Builder document is XML: a label's text and the next attribute are markup; a key in its strings is found", () => {
    const path = 'App/Views/Authentication/EmailCodeView.xib';
    const text = '                <label opaque="NO" text="Please enter your email validation token:" lineBreakMode="tailTruncation" id="abc-12-xyz"/>\n' +
      '                <action selector="resetSecretsAction:" destination="xgA-qW-Fab" eventType="touchUpInside" id="vaB-ot-P2e"/>\n';
    assert.deepEqual(shown(text, path), []);
    const k = key();
    assert.deepEqual(shown(`${text}                <userDefinedRuntimeAttribute type="string" keyPath="apiToken" value="${k}"/>\n`, path), [k]);
  });
});

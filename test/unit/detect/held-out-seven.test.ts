import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a seventh held-out set (twelve public repositories of kinds no set had:
// Laravel, Rails, Rust, Swift, an Android app, a .NET shop, Helm charts, Ansible, Terraform;
// 2026-12-07: docs/detection.md "Held-out set seven"), each judged by the principle that rejects it,
// with synthetic lines of the same shape and, beside each, a value in the same place that must
// still be found.
const found = (text: string, path: string) => scanText(text, { path });
const shown = shownValues;
const { pick, key } = seededDraws('held-out-seven');
const hex = (n: number) => rand(n, 'abcdef0123456789', pick);
const uuid4 = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

describe('held-out set seven: variables and members of program source', () => {
  it("a sigil variable (PHP's $this->x, a Rust macro's $crate:: and $name:ty) is read at run time; a literal there is found", () => {
    const php = [
      '        $user->password = $this->hash->make($this->askForPassword());\n',
      "            'token' => $this->token,\n",
      "            'license_key' => $this->license->key,\n",
      "        $appKey = $request->route('key');\n",
      "        'subsonic_api_key' => $this->when($isCurrentUser, fn () => $this->user->subsonic_api_key),\n",
    ];
    for (const line of php) assert.deepEqual(shown(line, 'app/Http/Requests/Store.php'), [], line);
    const k = key();
    assert.deepEqual(shown(`            'token' => '${k}',\n`, 'app/Http/Requests/Store.php'), [k]);
    const rs = ['            let api_key = $crate::client::required_env_var($api_key_env)?;\n', '            api_key = $api_key:ty,\n', '    api_key = $crate::client::BearerAuth,\n'];
    for (const line of rs) assert.deepEqual(shown(line, 'crates/core/src/client/mod.rs'), [], line);
    assert.deepEqual(shown(`            let api_key = "${k}";\n`, 'crates/core/src/client/mod.rs'), [k]);
  });

  it("a member written from its leading dot (Swift's .symbol(…)) is code; a string compared there is found", () => {
    assert.deepEqual(shown('        if token == .symbol(".") {\n', 'Sources/Prompty/ExpressionParser.swift'), []);
    const k = key();
    assert.deepEqual(shown(`        if token == "${k}" {\n`, 'Sources/Prompty/ExpressionParser.swift'), [k]);
  });

  it("a credential word closing a destructuring pattern is followed by the pattern's type; a default given there is found", () => {
    const lines = [
      'const onFormSubmit = async ({ token }: T2FAAuthFormSchema) => {\n',
      'export const AccessAuth2FAForm = ({ onSubmit, token, error }: AccessAuth2FAFormProps) => {\n',
      'export const send2FATokenEmail = async ({ token, envelopeId }: Send2FATokenEmailOptions) => {\n',
    ];
    for (const line of lines) assert.deepEqual(shown(line, 'apps/web/components/dialog.tsx'), [], line);
    assert.deepEqual(shown('| `({ onSubmit, token, error }: AccessAuth2FAFormProps) =>` | a type |\n', 'docs/detection.md'), []);
    const k = key();
    assert.deepEqual(shown(`const onFormSubmit = async ({ token }: Props = { token: '${k}' }) => {\n`, 'apps/web/components/dialog.tsx'), [k]);
  });

  it("Ruby: safe navigation, a hash read by a symbol, a root-namespace path, and a Rake task's code; literals there are found", () => {
    assert.deepEqual(shown('    if invite_code = find_by(token: token&.downcase)\n', 'app/models/invite_code.rb'), []);
    assert.deepEqual(shown('<p><%= link_to t(".cta"), edit_password_reset_url(token: params[:token]) %></p>\n', 'app/views/mailer/reset.html.erb'), []);
    assert.deepEqual(shown('<% secret = flash[:application_secret].presence || @application.plaintext_secret %>\n', 'app/views/apps/show.html.erb'), []);
    assert.deepEqual(shown('  configured_password = ::Digest::SHA256.hexdigest(ENV.fetch("WEB_PASSWORD", "x"))\n', 'config/initializers/web.rb'), []);
    const rake = '  api_key = Rails.application.config.app_mode.self_hosted? ? Setting.synth_api_key : ENV["SYNTH_API_KEY"]\n';
    assert.deepEqual(shown(rake, 'lib/tasks/securities.rake'), []);
    const k = key();
    assert.deepEqual(shown(`    if invite_code = find_by(token: "${k}")\n`, 'app/models/invite_code.rb'), [k]);
    assert.deepEqual(shown(`<p><%= link_to t(".cta"), edit_password_reset_url(token: "${k}") %></p>\n`, 'app/views/mailer/reset.html.erb'), [k]);
    assert.deepEqual(shown(`  api_key = "${k}"\n`, 'lib/tasks/securities.rake'), [k]);
  });

  it('a reference escaped for the language that writes it (\\\\${env:NAME} in a snippet) is still a reference; a key there is found', () => {
    assert.deepEqual(shown("    '    apiKey: \\\\${env:${6:OPENAI_API_KEY}}',\n", 'packages/server/src/server.ts'), []);
    const k = key();
    assert.deepEqual(shown(`    '    apiKey: "${k}"',\n`, 'packages/server/src/server.ts'), [k]);
  });
});

describe('held-out set seven: public by design', () => {
  it("a Firebase Storage download URL's token is information; a UUID token on another URL is found", () => {
    const t = uuid4();
    const text = `    "imageUrl": "https://firebasestorage.googleapis.com/v0/b/demo-app.appspot.com/o/img%2Fic_topic.svg?alt=media&token=${t}",\n`;
    assert.deepEqual(shown(text, 'core/network/src/main/assets/topics.json'), []);
    assert.deepEqual(found(text, 'core/network/src/main/assets/topics.json').map((f) => f.ruleId), ['public/firebase-storage-download-token']);
    const other = `    "callback": "https://hooks.example.com/v1/notify?token=${t}",\n`;
    assert.deepEqual(shown(other, 'core/network/src/main/assets/topics.json'), [t]);
  });
});

describe('held-out set seven: names and maps that refer to a credential elsewhere', () => {
  it("Kubernetes' imagePullSecrets lists Secret objects by name; a password in the same values is found", () => {
    const tpl = '{{/*\nglobal:\n  imagePullSecrets:\n  - pullSecret1\n  - pullSecret2\n*/}}\n';
    assert.deepEqual(shown(tpl, 'charts/stack/templates/_helpers.tpl'), []);
    const pw = `${rand(14, undefined, pick)}9`;
    assert.deepEqual(shown(`global:\n  imagePullSecrets:\n  - name: regcred\nauth:\n  password: ${pw}\n`, 'charts/stack/values.yaml'), [pw]);
  });

  it("a ConfigMap's data: beside a Secret in one guide is configuration; the Secret's data: value is still judged", () => {
    const pw = `${rand(18, undefined, pick)}4`;
    const secret = `\`\`\`yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  DB_PASSWORD: ${Buffer.from(pw).toString('base64')}\n\`\`\`\n`;
    const configMap = "\nThen the configuration:\n\n```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  NEXT_PUBLIC_UPLOAD_TRANSPORT: 'database'\n```\n";
    const text = secret + configMap;
    const spans = found(text, 'docs/deployment/kubernetes.mdx').filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(spans, [Buffer.from(pw).toString('base64')]);
  });

  it('words joined by slashes and hyphens in a sentence are words; a key in the same comment is found', () => {
    assert.deepEqual(shown('/// An all-encrypted block whose token is unpadded/URL-safe — the shape\n', 'crates/bedrock/src/types/content.rs'), []);
    const k = key();
    assert.deepEqual(shown(`/// An all-encrypted block whose token is ${k} — the shape\n`, 'crates/bedrock/src/types/content.rs'), [k]);
  });
});

describe('held-out set seven: where a weak default runs', () => {
  it("a weak default in a Rust file's #[cfg(test)] module is a test's input; the same above it runs", () => {
    const line = '        let input = json!({"password": "hunter2", "data": "visible"});\n';
    const text = `pub fn connect() {\n${line}}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn sanitizes() {\n${line}    }\n}\n`;
    const seen = found(text, 'runtime/rust/src/tracing/tracer.rs').filter((f) => f.ruleId === 'weak/default-credential');
    assert.deepEqual(seen.map((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE), [true, false]);
  });
});

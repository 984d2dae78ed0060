import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a tenth held-out set (twelve public repositories of kinds no set had: a Go
// CLI, a Zig language server, n8n workflow templates, Chrome extension samples, an Electron app,
// Jenkins shared libraries, Terraform modules for GCP, Prometheus alert rules, Godot demos, a Julia
// package, R/Shiny apps, a Kotlin Spring Boot tutorial; 2026-12-07: docs/detection.md "Held-out set
// ten"), each judged by the principle that rejects it, with synthetic lines of the same shape and,
// beside each, a value in the same place that must still be found.
const shown = shownValues;
const { pick, key } = seededDraws('held-out-ten');

describe('held-out set ten: program source', () => {
  it('Zig is program source: arithmetic on token indexes, optional types and signatures are code; a literal there is found', () => {
    const zig = [
      '    const name_token = var_decl.ast.mut_token + 1;\n',
      '        capture_token = name_token + 2;\n',
      '    result.label_token = tok_i -| 1;\n',
      '    label_token: ?Ast.TokenIndex,\n',
      'pub fn tokensToSlice(tree: *const Ast, first_token: Ast.TokenIndex, last_token: Ast.TokenIndex) []const u8 {\n',
      '    const payload_token = case.payload_token.?;\n',
      '    stack_entry.last_var_decl_name_token = .fromToken(var_decl_name_token);\n',
    ];
    for (const line of zig) assert.deepEqual(shown(line, 'src/features/code_actions.zig'), [], line);
    const k = key();
    assert.deepEqual(shown(`    const api_token = "${k}";\n`, 'src/features/code_actions.zig'), [k]);
  });

  it('every programming language is program source (GDScript, Nim, Crystal, Haskell, Elm, OCaml, Erlang, Solidity): the same expressions are code; a literal is found', () => {
    const k = key();
    for (const path of ['player.gd', 'src/lexer.nim', 'src/lexer.cr', 'src/Lexer.hs', 'src/Lexer.elm', 'lib/lexer.ml', 'src/lexer.erl', 'contracts/Token.sol']) {
      assert.deepEqual(shown('next_token = current_token + 1\n', path), [], path);
      assert.deepEqual(shown('auth_token = tokens[index + 1]\n', path), [], path);
      assert.deepEqual(shown(`api_token = "${k}"\n`, path), [k], path);
    }
  });

  it("a member path with an element's number (Terraform's `count` index, `[*]`) is a reference; a key assigned there is found", () => {
    const tf = [
      '  gke_hub_sa_key = var.use_existing_sa ? var.sa_private_key : google_service_account_key.gke_hub_key[0].private_key\n',
      '  ci_secret_key = aws_iam_access_key.ci[*].secret\n',
    ];
    for (const line of tf) assert.deepEqual(shown(line, 'modules/hub-legacy/main.tf'), [], line);
    const k = key();
    assert.deepEqual(shown(`  sa_private_key = "${k}"\n`, 'modules/hub-legacy/main.tf'), [k]);
  });

  it("PowerShell's `$env:NAME` reads the environment (in a Jenkins pipeline's pwsh step); a literal in its place is found", () => {
    const groovy = `    pwsh 'Write-Host "logged in with \\'$env:DOCKERHUB_CREDENTIALS_ID\\' credentials, namespace: $env:DOCKERHUB_ORGANISATION"'\n`;
    assert.deepEqual(shown(groovy, 'vars/infra.groovy'), []);
    assert.deepEqual(shown('$apiToken = $env:API_TOKEN\n', 'scripts/login.ps1'), []);
    const k = key();
    assert.deepEqual(shown(`$apiToken = "${k}"\n`, 'scripts/login.ps1'), [k]);
  });
});

describe('held-out set ten: workflow templates', () => {
  it("an n8n expression (`={{ $('Node').item.json.x }}`) is evaluated where the workflow runs; a key written there is found", () => {
    const n8n = [
      `"sessionKey": "={{ $('Chat Trigger').item.json.sessionId }}",`,
      `"sessionKey": "=chat-debouncer:{{ $('Twilio Trigger').item.json.From }}",`,
      `"sessionKey": "={{ ($('Telegram Trigger').item.json.callback_query ? $('Telegram Trigger').item.json.callback_query.message.chat.id : $('Telegram Trigger').item.json.message.chat.id) }}"`,
      `"sessionKey": "=whatsapp-75-{{ $json.messages[0].from }}",`,
    ];
    for (const line of n8n) assert.deepEqual(shown(`{\n${line}\n}\n`, 'Telegram/workflow.json'), [], line);
    const k = key();
    assert.deepEqual(shown(`{\n"sessionKey": "${k}",\n}\n`, 'Telegram/workflow.json'), [k]);
  });

  it("a note's escaped line ends (`\\n` in a JSON string) separate words; a password in such a note is found", () => {
    const note = (v: string) => `"content": "## Send data to A.I.\\n\\nFill in your credentials. Use Header Auth.\\n- Username: Authorization\\n- Password: ${v}\\n\\nRemember to add a space after bearer."`;
    assert.deepEqual(shown(`{\n${note('Bearer {insert your API key}')}\n}\n`, 'AI/workflow.json'), []);
    const sticky = `"content": "### Generic Credential Type\\n### Header : Authorization\\nKey $FAL_KEY\\"\\n\\nfor example:\\nKey 6f2960baxxxxxxxxx"`;
    assert.deepEqual(shown(`{\n${sticky}\n}\n`, 'AI/workflow.json'), []);
    // An escape at the end separates no words: `password "second\r"` in a netrc test is still judged.
    assert.equal(scanText('  password "second\\r"\n', { path: 'tests/data/test478' }).length, 1);
    const pw = `${rand(14, undefined, pick)}8`;
    assert.deepEqual(shown(`{\n"content": "## Login\\n- Password: ${pw}\\nThen restart the app."\n}\n`, 'AI/workflow.json'), [pw]);
  });

  it("a value under a field named `id` (an n8n workflow's) is the record's identifier; an Artifactory password under a password field is found", () => {
    const ap = `APC${rand(9, 'abcdefghijklmnopqrstuvwxyz', pick)}${rand(4, '0123456789', pick)}`;
    assert.deepEqual(shown(`{\n"id": "${ap}",\n"meta": {}\n}\n`, 'WhatsApp/workflow.json'), []);
    assert.deepEqual(shown(`{"password":"${ap}"}\n`, 'settings.json'), [ap]);
  });
});

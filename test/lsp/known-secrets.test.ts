import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { keyedFingerprint } from '../../core/values/fingerprint';
import { appendLedgerEntry } from '../../core/ledger/append';
import { fakeHumanPassword } from '../helpers/fake-keys';
import { fileUri, startServer } from '../helpers/lsp-server';
import { EMPTY_POLICY, onePolicySecret } from '../helpers/policy-text';
import { withTempProject } from '../helpers/temp-project';
import { ServerCommands } from '../../protocol/src/protocol';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';

// Exact reuse of a value no pattern knows, recognised through keyed fingerprints in the ledger.
describe('language server over JSON-RPC: known and revoked values', function () {
  this.timeout(30000);

  it('flags a retired password from the ledger as stale/revoked-key and the current one as exposed/known-secret', async () => {
    const key = randomBytes(32);
    const oldPw = fakeHumanPassword();
    let newPw = fakeHumanPassword();
    while (newPw === oldPw) newPw = fakeHumanPassword();
    await withTempProject('rg-lsp-known-', { policy: onePolicySecret({ id: 'pg-app', kind: 'password' }) }, async (project) => {
      await appendLedgerEntry(project.path('.rotation', 'ledger.jsonl'), {
        secretId: 'pg-app',
        step: 'finish',
        outcome: 'ok',
        rotationId: 'r1',
        newFingerprint: keyedFingerprint(newPw, key, 'value'),
        oldFingerprint: keyedFingerprint(oldPw, key, 'value'),
      });
      const server = await startServer({ rootPath: project.dir, env: { ROTATION_GUARD_FINGERPRINT_KEY: key.toString('base64') } });
      try {
        const uri = fileUri(project.path('notes.md'));
        server.open(uri, 'markdown', `The old db password was ${oldPw} and the new one is ${newPw} — do not paste these.\n`);
        const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.length >= 2);
        const codes = p.diagnostics.map((d) => d.code).sort();
        assert.deepEqual(codes, ['exposed/known-secret', 'stale/revoked-key']);
        const revoked = p.diagnostics.find((d) => d.code === 'stale/revoked-key')!;
        const start = `The old db password was `.length;
        assert.deepEqual(revoked.range, { start: { line: 0, character: start }, end: { line: 0, character: start + oldPw.length } });
        const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: revoked.range, context: { diagnostics: [revoked] } })) as CodeAction[];
        const rotate = actions.find((a) => a.command?.command === ServerCommands.rotateNow);
        assert.ok(rotate, `rotate action in ${JSON.stringify(actions.map((a) => a.title))}`);
        assert.deepEqual(rotate.command!.arguments, [{ id: 'pg-app', policyUri: fileUri(project.path('rotation-policy.yaml')) }]);
        for (const d of p.diagnostics) {
          assert.ok(!d.message.includes(oldPw) && !d.message.includes(newPw), 'messages never hold the values');
          assert.ok(!JSON.stringify(d.data ?? {}).includes(oldPw) && !JSON.stringify(d.data ?? {}).includes(newPw));
        }
      } finally {
        await server.stop();
      }
    });
  });

  it('without the fingerprint key the same ledger reveals nothing (a different key matches nothing)', async () => {
    const pw = fakeHumanPassword();
    await withTempProject('rg-lsp-known2-', { policy: EMPTY_POLICY }, async (project) => {
      await appendLedgerEntry(project.path('.rotation', 'ledger.jsonl'), { secretId: 's', step: 'finish', outcome: 'ok', oldFingerprint: keyedFingerprint(pw, randomBytes(32), 'value') });
      const server = await startServer({ rootPath: project.dir, env: { ROTATION_GUARD_FINGERPRINT_KEY: randomBytes(32).toString('base64') } });
      try {
        const uri = fileUri(project.path('notes.md'));
        server.open(uri, 'markdown', `password ${pw}\n`);
        const p = await server.waitForDiagnostics(uri);
        assert.ok(!p.diagnostics.some((d) => d.code === 'stale/revoked-key'));
      } finally {
        await server.stop();
      }
    });
  });
});

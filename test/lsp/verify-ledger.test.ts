import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { appendLedgerEntry } from '../../core/ledger';
import { ServerCommands, type VerifyLedgerResult } from '../../protocol/src/protocol';
import { fileUri, startServer } from '../helpers/lsp-server';
import { withTempProject } from '../helpers/temp-project';

// Verify Ledger is the server's command (the VS Code palette runs it; any LSP client can): the
// same check as `rotation-guard ledger verify`, over real JSON-RPC with the spawned server.
describe('language server over JSON-RPC: Verify Ledger', function () {
  this.timeout(60000);

  it('answers ok for an intact signed ledger and names the first bad line of an edited one', async () => {
    await withTempProject('rg-lsp-verify-ledger-', { policy: 'version: 1\nsecrets: []\n' }, async (p) => {
      const ledger = p.path('.rotation', 'ledger.jsonl');
      const server = await startServer({ rootPath: p.dir });
      try {
        // signed as the server's user (its HOME holds the signing key the check trusts)
        const env = { ...process.env, HOME: server.home, XDG_CONFIG_HOME: `${server.home}/.config` };
        await appendLedgerEntry(ledger, { secretId: 'a', step: 'store', outcome: 'ok', detail: 'stored in dotenv' }, { env });
        await appendLedgerEntry(ledger, { secretId: 'a', step: 'mark-compromised', outcome: 'ok', detail: 'seen in notes.md:1' }, { env });
        const verify = () => server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.verifyLedger, arguments: [{ policyUri: fileUri(p.path('rotation-policy.yaml')) }] }) as Promise<VerifyLedgerResult>;
        const good = await verify();
        assert.deepEqual([good.ok, good.entries], [true, 2], good.reason);

        writeFileSync(ledger, readFileSync(ledger, 'utf8').replace('seen in notes.md:1', 'seen in notes.md:2'));
        const bad = await verify();
        assert.equal(bad.ok, false);
        assert.equal(bad.firstBadLine, 2);
        assert.ok((bad.reason ?? '').length > 0, 'no reason given');
      } finally {
        await server.stop();
      }
    });
  });
});

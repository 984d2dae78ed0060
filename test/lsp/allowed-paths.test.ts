import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { DidChangeConfigurationNotification, ExecuteCommandRequest, type ClientCapabilities } from 'vscode-languageserver-protocol/node';
import { readLedger } from '../../core/ledger';
import { ServerCommands, type RotateNowResult } from '../../protocol/src/protocol';
import { randomChars } from '../helpers/fake-keys';
import { machineSecret, policyYaml } from '../helpers/policy';
import { fileUri, startServer, type ServerHandle } from '../helpers/lsp-server';
import { withTempProject, type TempProject } from '../helpers/temp-project';

// rotationGuard.allowedPaths (machine-scoped: user settings only) lets a policy write to a place
// outside its repository, as ~/.config/rotation-guard/allowed-paths does for the CLI. Over real
// JSON-RPC with the spawned server: Rotate now writes a generated value to an env file outside
// the repository only when the setting names that folder — through workspace/configuration (VS
// Code) and through initializationOptions / didChangeConfiguration (Neovim 0.7).

const OUTSIDE = 'policy/path-outside-workspace';

/** What Neovim 0.7 advertises: no workspace/configuration, so settings are pushed. */
const NO_CONFIGURATION: ClientCapabilities = { workspace: { applyEdit: true }, textDocument: { publishDiagnostics: { versionSupport: true } } };

function policyText(envFile: string): string {
  return policyYaml({ version: 1, stores: { shared: { type: 'env-file', path: envFile } }, providers: { gen: { type: 'generate' } }, secrets: [machineSecret('gen-key', { stores: ['shared'], rotation: { provider: 'gen' } })] });
}

/** A repository whose policy keeps its secret in `shared.env` of a folder outside it; returns that file and its value. */
function projectWritingOutside(p: TempProject, outside: TempProject): { envFile: string; old: string } {
  const old = randomChars(32);
  const envFile = outside.write('shared.env', `GEN_KEY=${old}\n`);
  p.write('.git/HEAD', 'ref: refs/heads/main\n'); // the repository's root is this folder
  p.writePolicy(policyText(envFile));
  return { envFile, old };
}

function rotateNow(server: ServerHandle, p: TempProject): Promise<RotateNowResult> {
  return server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.rotateNow, arguments: [{ id: 'gen-key', policyUri: fileUri(p.path('rotation-policy.yaml')), announce: false }] }) as Promise<RotateNowResult>;
}

const rotationsBegun = (p: TempProject) => (existsSync(p.path('.rotation', 'ledger.jsonl')) ? readLedger(p.path('.rotation', 'ledger.jsonl')).entries.filter((e) => e.step === 'begin').length : 0);

/** The refusal names the place, the file is untouched, and the ledger records no new rotation. */
async function assertRefused(server: ServerHandle, p: TempProject, envFile: string, old: string): Promise<void> {
  const begun = rotationsBegun(p);
  await assert.rejects(rotateNow(server, p), (err: Error) => /outside/.test(err.message) && err.message.includes(envFile));
  assert.equal(readFileSync(envFile, 'utf8'), `GEN_KEY=${old}\n`);
  assert.equal(rotationsBegun(p), begun, 'a rotation began');
}

async function assertRotated(server: ServerHandle, p: TempProject, envFile: string, old: string): Promise<void> {
  const r = await rotateNow(server, p);
  assert.equal(r.status, 'rotated', r.message);
  const now = /GEN_KEY=(.*)/.exec(readFileSync(envFile, 'utf8'))?.[1];
  assert.ok(now && now !== old, 'the env file outside the repository was not written');
  assert.ok(!r.message.includes(now), 'the message holds the new value');
}

describe('language server over JSON-RPC: rotationGuard.allowedPaths', function () {
  this.timeout(60000);

  it('refuses a write outside the repository without the setting and makes it with the setting (workspace/configuration)', async () => {
    await withTempProject('rg-lsp-allowed-', {}, async (p) => {
      await withTempProject('rg-lsp-allowed-outside-', {}, async (outside) => {
        const { envFile, old } = projectWritingOutside(p, outside);
        const server = await startServer({ rootPath: p.dir });
        try {
          const policyUri = fileUri(p.path('rotation-policy.yaml'));
          server.open(policyUri, 'yaml', readFileSync(p.path('rotation-policy.yaml'), 'utf8'));
          await server.waitForDiagnostics(policyUri, (d) => d.diagnostics.some((x) => x.code === OUTSIDE));
          await assertRefused(server, p, envFile, old);
          // the user adds the folder to their settings; the client says the configuration changed
          server.settings = { allowedPaths: [outside.dir] };
          const cleared = server.waitForDiagnostics(policyUri, (d) => !d.diagnostics.some((x) => x.code === OUTSIDE));
          await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
          await cleared;
          await assertRotated(server, p, envFile, old);
        } finally {
          await server.stop();
        }
      });
    });
  });

  it('takes the setting from initializationOptions and didChangeConfiguration when the client cannot answer workspace/configuration', async () => {
    await withTempProject('rg-lsp-allowed-nvim-', {}, async (p) => {
      await withTempProject('rg-lsp-allowed-nvim-outside-', {}, async (outside) => {
        const { envFile, old } = projectWritingOutside(p, outside);
        const server = await startServer({ rootPath: p.dir, capabilities: NO_CONFIGURATION, initializationOptions: { settings: { rotationGuard: { allowedPaths: [outside.dir] } } } });
        try {
          await assertRotated(server, p, envFile, old);
          // the user removes it again
          await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { rotationGuard: { allowedPaths: [] } } });
          const current = /GEN_KEY=(.*)/.exec(readFileSync(envFile, 'utf8'))![1]!;
          await assertRefused(server, p, envFile, current);
        } finally {
          await server.stop();
        }
      });
    });
  });
});

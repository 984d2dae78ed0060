import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ScanWorkspaceRequest, SecretsStateRequest } from '../../protocol/src/protocol';
import { fileUri, startServer, type ServerHandle } from '../helpers/lsp-server';
import { hostileWorkspace } from '../helpers/hostile-workspace';

/** Peak resident memory of a process (Linux), in MB. */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * The real server (`node dist/server.js --stdio`) opened on a hostile clone: symlink loops, links
 * to / and out of the workspace, and `.rotation/ledger.jsonl` a symlink to /dev/zero. It used to
 * read the ledger without limit at initialize (12 GB before it was killed) and never answer
 * Scan Workspace or the policy search; now every request answers, bounded.
 */
describe('language server on a hostile workspace (#19 items 4 and 5)', function () {
  this.timeout(60000);
  let tmp: string;
  let ws: string;
  let server: ServerHandle;

  before(async () => {
    ({ tmp, ws } = hostileWorkspace());
    mkdirSync(join(ws, '.rotation'));
    symlinkSync('/dev/zero', join(ws, '.rotation', 'ledger.jsonl'));
    server = await startServer({ rootPath: ws, capabilities: { workspace: { configuration: true } } });
  });
  after(async () => {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('initialize answered with the /dev/zero ledger, and the server stays small', () => {
    assert.ok(server.init.capabilities);
    const mb = peakMb(server.proc.pid!);
    assert.ok(mb < 400, `peak ${mb} MB`);
  });

  it('Scan Workspace answers with the one key inside: nothing through the loops, /, or the link out', async () => {
    const res = await server.conn.sendRequest(ScanWorkspaceRequest.type, {});
    assert.equal(res.cancelled, undefined);
    assert.equal(res.truncated, undefined);
    assert.equal(res.filesScanned, 2, JSON.stringify(res));
    assert.ok(res.findings >= 1, JSON.stringify(res));
    assert.ok(peakMb(server.proc.pid!) < 400);
  });

  it('the open policy shows the refused ledger as a warning instead of failing its diagnostics', async () => {
    const path = join(ws, 'rotation-policy.yaml');
    const uri = fileUri(path);
    server.open(uri, 'yaml', readFileSync(path, 'utf8'));
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const ledger = p.diagnostics.find((d) => d.code === 'policy/ledger-malformed');
    assert.ok(ledger, JSON.stringify(p.diagnostics));
    assert.match(ledger.message, /ledger\.jsonl is a device, not a file/);
  });

  it('the policy search behind the Secrets view answers', async () => {
    const t = Date.now();
    const res = await server.conn.sendRequest(SecretsStateRequest.type, {});
    assert.deepEqual(res.secrets, []);
    assert.ok(Date.now() - t < 10000, `${Date.now() - t} ms`);
  });
});

import { strict as assert } from 'node:assert';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { DEFAULT_MIN_CONFIDENCE } from '../../core/detect';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess } from '../helpers/lsp-in-process';
import { withTempProject } from '../helpers/temp-project';
import { defaultSettings } from '../../protocol/src/settings';

describe('language server: rotationGuard.minConfidence', function () {
  this.timeout(30000);
  // A password that does not look generated next to its name in documentation prose (confidence 0.45);
  // the digit keeps it from being two dictionary words, which are no credential at all.
  const text = `${['The database', 'password:', 'bluesky-mountain7', 'is set on the server.'].join(' ')}\n`;

  it('defaults to the core threshold', () => {
    assert.equal(defaultSettings.minConfidence, DEFAULT_MIN_CONFIDENCE);
  });

  for (const [minConfidence, expected] of [[undefined, 0], [0, 1]] as const) {
    it(`${minConfidence === undefined ? 'by default hides' : 'at 0 shows'} a weak finding in documentation prose`, async () => {
      await withTempProject('rg-lsp-conf-', {}, async (project) => {
        const server = await startInProcess(project.dir, { settings: minConfidence === undefined ? {} : { minConfidence } });
        try {
          const uri = fileUri(project.path('guide.md'));
          void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
          const p = await server.waitForDiagnostics(uri, () => true);
          assert.equal(p.diagnostics.length, expected, JSON.stringify(p.diagnostics.map((d) => d.code)));
        } finally {
          server.dispose();
        }
      });
    });
  }
});

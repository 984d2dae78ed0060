import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver/node';
import { documentReport, EMPTY_RESULT_ID, resultIdFor, WorkspaceReportBuilder } from '../../../server/src/diagnosticResults';

// The id bookkeeping of LSP 3.17 pull diagnostics on its own; the protocol round trips are in
// test/lsp/pull-result-ids.test.ts against the real server.
const finding = (line: number, data: Record<string, unknown> = { rule: 'openai-api-key' }): Diagnostic => ({
  range: { start: { line, character: 4 }, end: { line, character: 20 } },
  severity: 1,
  code: 'secret/openai-api-key',
  source: 'rotation-guard',
  message: 'OpenAI API key',
  data,
});

describe('pull diagnostics result ids (server/src/diagnosticResults)', () => {
  it('the id depends on the content only, not on the order of object keys', () => {
    const d = finding(1, { rule: 'x', fingerprint: 'abc' });
    const reordered = { data: { fingerprint: 'abc', rule: 'x' }, message: d.message, source: d.source, code: d.code, severity: d.severity, range: d.range } as Diagnostic;
    assert.equal(resultIdFor([reordered]), resultIdFor([d]));
  });

  it('any change of content (range, data, order, count) changes the id', () => {
    const base = [finding(1), finding(2)];
    const ids = new Set([
      resultIdFor(base),
      resultIdFor([finding(2), finding(1)]),
      resultIdFor([finding(1)]),
      resultIdFor([finding(1), finding(3)]),
      resultIdFor([finding(1), finding(2, { rule: 'other' })]),
      resultIdFor([{ ...finding(1), severity: 2 }, finding(2)]),
      EMPTY_RESULT_ID,
    ]);
    assert.equal(ids.size, 7);
  });

  it('textDocument/diagnostic: unchanged only for the current id', () => {
    const items = [finding(1)];
    const id = resultIdFor(items);
    assert.deepEqual(documentReport(items, id), { kind: 'unchanged', resultId: id });
    assert.deepEqual(documentReport(items, undefined), { kind: 'full', resultId: id, items });
    assert.deepEqual(documentReport(items, EMPTY_RESULT_ID), { kind: 'full', resultId: id, items });
  });

  it('workspace/diagnostic: answers every file the client holds, clears unseen ones unless open or already empty', () => {
    const held = [finding(1)];
    const b = new WorkspaceReportBuilder([
      { uri: 'file:///same', value: resultIdFor(held) },
      { uri: 'file:///fixed', value: resultIdFor(held) },
      { uri: 'file:///deleted', value: resultIdFor(held) },
      { uri: 'file:///open', value: resultIdFor(held) },
      { uri: 'file:///gone-clean', value: EMPTY_RESULT_ID },
    ]);
    b.add('file:///same', [finding(1)]);
    b.add('file:///fixed', []);
    b.add('file:///new', [finding(5)]);
    b.add('file:///clean-unknown', []);
    b.clearUnseen((uri) => uri === 'file:///open');
    assert.deepEqual(
      b.items.map((i) => [i.uri, i.kind, 'items' in i ? i.items.length : '-', i.resultId]),
      [
        ['file:///same', 'unchanged', '-', resultIdFor(held)],
        ['file:///fixed', 'full', 0, EMPTY_RESULT_ID],
        ['file:///new', 'full', 1, resultIdFor([finding(5)])],
        ['file:///deleted', 'full', 0, EMPTY_RESULT_ID],
      ],
    );
  });
});

import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver/node';
import { resultIdFor } from '../../../server/src/diagnosticResults';
import { WorkspaceFileCache, type SweptFile } from '../../../server/src/workspaceFileCache';

// Which files the workspace pull reads and diagnoses again (server/src/workspaceFileCache); the
// held pulls and the protocol are in test/lsp/workspace-pull-hold.test.ts against the real server.
const file = (name: string, mtimeMs = 1000, size = 10, extra: Partial<SweptFile> = {}): SweptFile => ({ uri: `file:///ws/${name}`, path: `/ws/${name}`, stamp: { size, mtimeMs, ctimeMs: mtimeMs }, ...extra });
const finding: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, message: 'OpenAI API key', code: 'secret/openai-api-key' };
const names = (xs: SweptFile[]) => xs.map((f) => f.path.slice(4)).sort();

function cacheWith(files: SweptFile[]): WorkspaceFileCache {
  const c = new WorkspaceFileCache();
  for (const f of files) c.store(f, c.generation, f.path.endsWith('a.md') ? [finding] : []);
  return c;
}

describe('workspace pull cache decisions (server/src/workspaceFileCache)', () => {
  const ws = [file('a.md'), file('b.md'), file('c.py')];

  it('an empty cache diagnoses every file; a second sweep with the same stats diagnoses none', () => {
    const c = new WorkspaceFileCache();
    assert.deepEqual(names(c.plan(ws).stale), ['a.md', 'b.md', 'c.py']);
    for (const f of ws) c.store(f, c.generation, []);
    assert.deepEqual(c.plan(ws), { stale: [], gone: [] });
  });

  it('only the file whose size, mtime or ctime changed is diagnosed again; the others keep their result id', () => {
    const c = cacheWith(ws);
    const idA = c.get('file:///ws/a.md')!.resultId;
    assert.equal(idA, resultIdFor([finding]));
    assert.deepEqual(names(c.plan([file('a.md'), file('b.md', 2000), file('c.py')]).stale), ['b.md'], 'mtime');
    assert.deepEqual(names(c.plan([file('a.md'), file('b.md', 1000, 11), file('c.py')]).stale), ['b.md'], 'size');
    const ctimeOnly = { ...file('c.py'), stamp: { size: 10, mtimeMs: 1000, ctimeMs: 5000 } }; // mtime set back by a tool
    assert.deepEqual(names(c.plan([file('a.md'), file('b.md'), ctimeOnly]).stale), ['c.py'], 'ctime');
    assert.equal(c.get('file:///ws/a.md')!.resultId, idA);
  });

  it('a generation bump diagnoses every file again, and a diagnosis begun before the bump stays stale', () => {
    const c = cacheWith(ws);
    const before = c.generation;
    c.bump();
    assert.deepEqual(names(c.plan(ws).stale), ['a.md', 'b.md', 'c.py']);
    c.store(ws[0]!, before, [finding]); // finished after the bump, but begun before it
    for (const f of ws.slice(1)) c.store(f, c.generation, []);
    assert.deepEqual(names(c.plan(ws).stale), ['a.md']);
  });

  it('a file no longer swept (deleted, excluded, opened) is gone; an `always` file is diagnosed on every pull', () => {
    const c = cacheWith(ws);
    const plan = c.plan([file('a.md'), file('c.py', 1000, 10, { always: true })]);
    assert.deepEqual(plan.gone, ['file:///ws/b.md']);
    assert.deepEqual(names(plan.stale), ['c.py']);
    c.drop('file:///ws/b.md');
    assert.equal(c.get('file:///ws/b.md'), undefined);
    assert.deepEqual(c.plan([file('a.md')]).gone, ['file:///ws/c.py']);
  });
});

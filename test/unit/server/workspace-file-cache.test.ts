import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver/node';
import { resultIdFor } from '../../../server/src/diagnosticResults';
import { sameStamp, WorkspaceFileCache, type FileStamp } from '../../../server/src/workspaceFileCache';

// What the workspace pull's cache tells the next pass to skip (server/src/workspaceFileCache); the
// pass itself (which compares the stats) and the held pulls are in test/lsp/workspace-pull-hold.test.ts
// and test/lsp/workspace-pull-worker.test.ts against the real server.
const stamp = (mtimeMs = 1000, size = 10): FileStamp => ({ size, mtimeMs, ctimeMs: mtimeMs });
const uri = (name: string) => `file:///ws/${name}`;
const finding: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, message: 'OpenAI API key', code: 'secret/openai-api-key' };
const never = (_uri: string) => false;
/** The files a pass would read again: not known, known as null, or known with another stamp. */
const reread = (c: WorkspaceFileCache, swept: Record<string, FileStamp>, always = never) => {
  const known = c.known(always);
  return Object.keys(swept).filter((n) => {
    const k = known.get(uri(n));
    return !k || !sameStamp(k, swept[n]!);
  });
};

function cacheWith(names: string[]): WorkspaceFileCache {
  const c = new WorkspaceFileCache();
  for (const n of names) c.store(uri(n), stamp(), c.generation, n === 'a.md' ? [finding] : []);
  return c;
}

describe('workspace pull cache decisions (server/src/workspaceFileCache)', () => {
  const ws = { 'a.md': stamp(), 'b.md': stamp(), 'c.py': stamp() };

  it('an empty cache knows nothing (every file is read); once stored, the same stats are skipped', () => {
    const c = new WorkspaceFileCache();
    assert.deepEqual(reread(c, ws), ['a.md', 'b.md', 'c.py']);
    for (const n of Object.keys(ws)) c.store(uri(n), stamp(), c.generation, []);
    assert.deepEqual(reread(c, ws), []);
  });

  it('only the file whose size, mtime or ctime changed is read again; the others keep their result id', () => {
    const c = cacheWith(Object.keys(ws));
    const idA = c.get(uri('a.md'))!.resultId;
    assert.equal(idA, resultIdFor([finding]));
    assert.deepEqual(reread(c, { ...ws, 'b.md': stamp(2000) }), ['b.md'], 'mtime');
    assert.deepEqual(reread(c, { ...ws, 'b.md': stamp(1000, 11) }), ['b.md'], 'size');
    assert.deepEqual(reread(c, { ...ws, 'c.py': { size: 10, mtimeMs: 1000, ctimeMs: 5000 } }), ['c.py'], 'ctime (mtime set back by a tool)');
    assert.equal(c.get(uri('a.md'))!.resultId, idA);
  });

  it('a generation bump makes every file read again, and a diagnosis begun before the bump stays stale', () => {
    const c = cacheWith(Object.keys(ws));
    const before = c.generation;
    c.bump();
    assert.deepEqual([...c.known(never).values()], [null, null, null]);
    c.store(uri('a.md'), stamp(), before, [finding]); // finished after the bump, but begun before it
    c.store(uri('b.md'), stamp(), c.generation, []);
    c.store(uri('c.py'), stamp(), c.generation, []);
    assert.deepEqual(reread(c, ws), ['a.md']);
  });

  it('an `always` file is read on every pass; a dropped file is no longer known', () => {
    const c = cacheWith(Object.keys(ws));
    assert.deepEqual(reread(c, ws, (u) => u.endsWith('c.py')), ['c.py']);
    c.drop(uri('b.md'));
    assert.equal(c.get(uri('b.md')), undefined);
    assert.deepEqual([...c.known(never).keys()], [uri('a.md'), uri('c.py')]);
  });

  it('a file skipped as binary is cached without diagnostics', () => {
    const c = new WorkspaceFileCache();
    c.store(uri('logo.png'), stamp(), c.generation, undefined);
    assert.equal(c.get(uri('logo.png'))!.diagnostics, undefined);
    assert.deepEqual(reread(c, { 'logo.png': stamp() }), []);
  });
});

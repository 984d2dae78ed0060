import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { readWorkspaceFile, walkWorkspace } from '../../../core/files/walk';
import { projectPerTest } from '../../helpers/temp-project';

// The one workspace walk (core/files/walk.ts walkWorkspace) that the CLI-free callers share — the
// server's scan and pull, find-references and enforce: what it lists, what it names too large,
// and what it never lists (links out, FIFOs, excluded and git-ignored paths).
describe('walkWorkspace: the workspace walk of the scan, the pull and enforce', () => {
  const t = projectPerTest('rg-walk-ws-');

  it('lists regular files with their stat, names those over the cap, and leaves out excluded and ignored ones', async () => {
    const p = t.project;
    p.write('a.md', 'hello');
    p.write('big.txt', 'x'.repeat(2048));
    p.write('gen/out.txt', 'generated');
    p.write('ignored.log', 'log');
    p.write('.gitignore', '*.log\n');
    const walk = await walkWorkspace(p.dir, { maxBytes: 1024, exclude: (rel) => rel.startsWith('gen/') });
    assert.deepEqual(walk.files.map((f) => f.rel).sort(), ['.gitignore', 'a.md']);
    assert.deepEqual(walk.tooLarge, ['big.txt']);
    const a = walk.files.find((f) => f.rel === 'a.md')!;
    assert.equal(a.size, 5);
    assert.ok(a.mtimeMs > 0 && a.ctimeMs > 0);
    assert.equal(readWorkspaceFile(a.path, 1024)?.toString(), 'hello');
  });

  it('never lists a link out of the workspace or a FIFO, and a read over the cap gives nothing', async () => {
    const p = t.project;
    p.write('ok.txt', 'fine');
    symlinkSync('/etc/passwd', p.path('passwd-link'));
    symlinkSync('/', p.path('root-link'));
    assert.equal(spawnSync('mkfifo', [p.path('fifo')]).status, 0, 'mkfifo');
    const walk = await walkWorkspace(p.dir, { maxBytes: 1 << 20 });
    assert.deepEqual(walk.files.map((f) => f.rel), ['ok.txt']);
    assert.equal(readWorkspaceFile(p.path('ok.txt'), 2), undefined);
  });

  it('stops at its file budget and says so', async () => {
    for (let i = 0; i < 5; i++) t.project.write(`f${i}.txt`, String(i));
    const walk = await walkWorkspace(t.project.dir, { maxBytes: 1 << 20, budget: { maxFiles: 3 } });
    assert.equal(walk.files.length, 3);
    assert.deepEqual(walk.truncated, { reason: 'file-limit', limit: 3 });
  });
});

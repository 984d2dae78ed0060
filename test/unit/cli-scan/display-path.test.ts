import { strict as assert } from 'node:assert';
import { relative, sep } from 'node:path';
import fc from 'fast-check';
import { displayPathFrom } from '../../../cli/src/scan/display-path';

/** The plain form the fast path replaces: `relative` at every file. */
const plain = (cwd: string, file: string) => {
  if (!file.startsWith(sep)) return file;
  const rel = relative(cwd, file);
  return (rel || file).split(sep).join('/');
};

describe('scan output paths', () => {
  it('name every file as path.relative to the working directory does, for normal and odd paths (fast-check)', () => {
    const segment = fc.constantFrom('a', 'b', 'src', '.', '..', '', '.env', '..x', 'docs', 'é');
    const path = fc.array(segment, { maxLength: 6 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(path, path, fc.boolean(), fc.boolean(), (c, f, absFile, trailing) => {
        const cwd = `/${c}${trailing ? '/' : ''}`;
        const file = absFile ? `/${f}` : f || 'x';
        assert.equal(displayPathFrom(cwd)(file), plain(cwd, file), `${cwd} ${file}`);
      }),
      { numRuns: 10_000 },
    );
    for (const [cwd, file] of [['/w', '/w/a/b.py'], ['/w', '/w'], ['/w/', '/w/a'], ['/', '/a/b'], ['/w', '/wx/a'], ['/w', '/w//a'], ['/w', '/w/./a'], ['/w', '/w/a/..'], ['/w', '/other/a'], ['/w', 'rel/a']] as const) {
      assert.equal(displayPathFrom(cwd)(file), plain(cwd, file), `${cwd} ${file}`);
    }
  });
});

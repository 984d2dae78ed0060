import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { join } from 'node:path';
import { scanFiles } from '../../../cli/src/scan/pool';
import { warmUpOrder } from '../../../core/files/warm-up-order';
import { fake } from '../../helpers/fake-keys';
import { tempTree } from './run-cli';

// Files are scanned round-robin over their extensions (why: pool.ts); results keep the caller's order.
describe('scan order', () => {
  it('is a permutation that takes one file of each extension in turn, in their order', () => {
    const files = ['a/1.yaml', 'a/2.yaml', 'a/3.yaml', 'b/1.py', 'b/2.py', 'c/README', 'c/x.MD', 'd/y.md'];
    assert.deepEqual(
      warmUpOrder(files).map((i) => files[i]),
      ['a/1.yaml', 'b/1.py', 'c/README', 'c/x.MD', 'a/2.yaml', 'b/2.py', 'd/y.md', 'a/3.yaml'],
    );
  });

  it('is always a permutation of the indexes', () => {
    const name = fc.stringMatching(/^[a-z]{1,3}(\.[a-z]{1,2})?$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('src', 'docs', 'a\\b'), name), { maxLength: 60 }), (parts) => {
        const files = parts.map(([d, n]) => `${d}/${n}`);
        const order = warmUpOrder(files);
        assert.deepEqual([...order].sort((a, b) => a - b), files.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('scanFiles returns each file’s result at its own position', async () => {
    const root = tempTree({
      'a.env': `OPENAI_API_KEY=${fake.openaiProject()}\n`,
      'b.env': 'NOTHING=here\n',
      'c.py': `token = "${fake.githubPat()}"\n`,
      'd.env': `GROQ_API_KEY=${fake.groq()}\n`,
      'e.md': 'no secrets\n',
    });
    const files = ['a.env', 'b.env', 'c.py', 'd.env', 'e.md'].map((f) => join(root, f));
    const results = await scanFiles(files, { maxBytes: 1 << 20, jobs: 1 });
    assert.deepEqual(results.map((r) => r.file), files);
    assert.deepEqual(results.map((r) => r.findings.map((f) => f.ruleId)), [['secret/openai-api-key'], [], ['secret/github-token'], ['secret/groq-api-key'], []]);
  });
});

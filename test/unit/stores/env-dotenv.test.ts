import assert from 'node:assert/strict';
import { parse as dotenvParse } from 'dotenv';
import fc from 'fast-check';
import { EnvFileStore } from '../../../core/stores/env-file';
import { EnvValueNotRepresentableError, readEnvValue, writeEnvValue } from '../../../core/stores/env-format';
import { projectPerTest } from '../../helpers/temp-project';

// Any string at all: line breaks, NUL, every quote, `$`, backslashes, `#`, spaces, non-ASCII.
const anyValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("'", '"', '`', '$', '\\', '#', ' ', '\t', '\n', '\r', '\0', '=', 'a', 'Z', '9', 'é', '🔑'), maxLength: 24 }),
);

/**
 * What the engine checks right after `create` (EnvFileStore.checkValue) is exactly what the
 * writer can store: a value is refused up front, or written so that our reader AND dotenv (the
 * reader most apps use) read it back byte for byte. Nothing in between is ever written.
 */
describe('env-file values agree with dotenv, or are refused before any store is touched (property)', () => {
  let dir: string;
  const tmp = projectPerTest('rg-dotenv-', {}, 'all');
  before(() => ({ dir } = tmp.project));

  it('for arbitrary strings: refused up front, or read back identically by our reader and dotenv', () => {
    const store = new EnvFileStore({ path: '.env', baseDir: dir, name: 'API_KEY' });
    let stored = 0;
    let refused = 0;
    fc.assert(
      fc.property(anyValue, fc.constantFrom('', '# header\nOTHER=1\n', 'API_KEY=old # note\n'), (v, before) => {
        let checkRefused = false;
        try {
          store.checkValue('s', v);
        } catch (err) {
          assert.equal((err as { code?: string }).code, 'store/value-format');
          checkRefused = true;
        }
        let text: string | undefined;
        try {
          text = writeEnvValue(before, 'API_KEY', v);
        } catch (err) {
          assert.ok(err instanceof EnvValueNotRepresentableError);
        }
        assert.equal(checkRefused, text === undefined, 'the up-front check and the writer agree');
        if (text === undefined) {
          refused++;
          return;
        }
        stored++;
        assert.equal(readEnvValue(text, 'API_KEY'), v, 'our reader');
        assert.equal(dotenvParse(text).API_KEY, v, 'dotenv');
      }),
      { numRuns: 3000, seed: 19 },
    );
    assert.ok(stored > 1000 && refused > 100, `both branches exercised (stored ${stored}, refused ${refused})`);
  });

  it('the values the issue reported are handled: quotes and $ together are refused up front, each alone is stored', () => {
    const store = new EnvFileStore({ path: '.env', baseDir: dir, name: 'API_KEY' });
    assert.throws(() => store.checkValue('s', "it's $HOME"), (e: Error & { code?: string }) => e.code === 'store/value-format');
    assert.throws(() => store.checkValue('s', 'a\nb'), (e: Error & { code?: string }) => e.code === 'store/value-format');
    for (const v of ["it's", 'cost $5', 'say "hi"', 'back\\slash', ' padded ', '#hash']) {
      store.checkValue('s', v);
      const text = writeEnvValue('', 'API_KEY', v);
      assert.equal(dotenvParse(text).API_KEY, v);
    }
  });
});

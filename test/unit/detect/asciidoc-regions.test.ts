import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { regionsOf } from '../../../core/detect/input/regions';
import { formatOf } from '../../../core/files/file-formats';
import { seededDraws, shownValues } from './shown';

// AsciiDoc is documentation with listing blocks judged by their language
// (core/detect/input/asciidoc-regions.ts). Read on held-out set twenty-four: Kotlin in a Java
// framework's AsciiDoc reference (a function's return type after a credential word) was prose.
const shown = shownValues;
const { key } = seededDraws('asciidoc-regions');

const blocks = (text: string) => regionsOf(text, 'docs/guide.adoc').map((r) => [text.slice(r.start, r.end), r.code]);

describe('AsciiDoc listing blocks', () => {
  it('are regions of their language; a listing without one holds commands; prose outside', () => {
    assert.equal(formatOf('docs/modules/ROOT/pages/index.adoc').kind, 'asciidoc');
    const text = [
      '= Guide',
      '',
      '[source,kotlin,role="secondary"]',
      '----',
      'fun jwtBearer(): Provider {',
      '----',
      '',
      '.A title',
      '[,ruby]',
      '----',
      'token = ENV.fetch("TOKEN")',
      '----',
      '',
      '----',
      'export TOKEN=x',
      '----',
      '',
      '[source,java]',
      'A paragraph clears the attribute line.',
      '',
      '------',
      'x = 1',
      '----',
      'still inside',
      '------',
    ].join('\n');
    assert.deepEqual(blocks(text), [
      ['fun jwtBearer(): Provider {\n', 'program'],
      ['token = ENV.fetch("TOKEN")\n', 'program'],
      ['export TOKEN=x\n', 'shell'],
      ['x = 1\n----\nstill inside\n', 'shell'],
    ]);
  });

  it('an unclosed block runs to the end; any text gives sorted regions inside it (fast-check)', () => {
    assert.deepEqual(blocks('[source,python]\n----\napi_key = os.environ["K"]'), [['api_key = os.environ["K"]', 'program']]);
    const lines = ['----', '------', '[source,java]', '[,python]', '[source]', 'text', '', '.Title', 'x = 1', '....'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 30 }), (ls) => {
        const text = ls.join('\n');
        let last = 0;
        for (const r of regionsOf(text, 'a.adoc')) {
          assert.ok(r.start >= last && r.start <= r.end && r.end <= text.length, JSON.stringify({ text, r }));
          last = r.end;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("Kotlin's return type in a block is code; a key literal in the same block is found, and one in prose is judged as docs prose", () => {
    const path = 'docs/modules/ROOT/pages/servlet/oauth2/index.adoc';
    const kotlin = '[source,kotlin]\n----\n@Bean\nfun jwtBearer(): OAuth2AuthorizedClientProvider {\n    return JwtBearerOAuth2AuthorizedClientProvider()\n}\n----\n';
    assert.deepEqual(shown(kotlin, path), []);
    const k = key();
    assert.deepEqual(shown(kotlin.replace('@Bean', `val clientSecret = "${k}"`), path), [k]);
    // In prose a drawn-looking value keeps its confidence only when it looks generated (as in Markdown).
    assert.deepEqual(shown(`The client secret is: ${k}\n`, path), [k]);
  });
});

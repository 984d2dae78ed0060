import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { regionsOf, type Region } from '../../../core/detect/input/regions';
import { formatForLanguage } from '../../../core/files/file-formats';

// regions.ts skips markdown-it's newline normalisation for a text with no `\r` and no NUL (a copy
// of each file). These tests hold it to the regions of a parser that always normalises.
const reference = new MarkdownIt('commonmark');
reference.core.ruler.disable(['inline', 'text_join']);

/** The regions of `text` read from the always-normalising parser's fence and code_block tokens. */
function referenceRegions(text: string): Region[] {
  if (!text.includes('```') && !text.includes('~~~')) return [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (line: number) => (line < lineStarts.length ? lineStarts[line]! : text.length);
  return reference
    .parse(text, {})
    .filter((t) => (t.type === 'fence' || t.type === 'code_block') && t.map)
    .map((t) => {
      const f = formatForLanguage(t.info.trim().split(/[\s{]/)[0] ?? '');
      return { start: at(t.map![0]), end: at(t.map![1]), code: f ? f.code : 'shell' };
    });
}

// Lines that decide what is a fence: fences of both kinds and lengths, lists, block quotes, HTML
// blocks, indented code, setext underlines, paragraphs, blank lines.
const LINES = ['```', '```python', '````', '~~~ yaml', '~~~', '  ```bash', '- item', '1. step', '   ```js', '> quote', '> ```', '<div>', '</div>', '    indented', '\tx = 1', '---', '===', 'text line', 'API_KEY=abc', '', ' '];

describe('Markdown regions', () => {
  it('are those of a parser that normalises newlines, for texts without CR or NUL (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        assert.deepEqual(regionsOf(text, 'a.md'), referenceRegions(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('a text with CR line ends or NUL is normalised first, as markdown-it does', () => {
    const crlf = '# Setup\r\n\r\n```python\r\nkey = "x"\r\n```\r\n';
    assert.deepEqual(regionsOf(crlf, 'a.md'), referenceRegions(crlf));
    assert.equal(regionsOf(crlf, 'a.md').length, 1);
    assert.equal(regionsOf(crlf, 'a.md')[0]!.code, formatForLanguage('python')!.code);
    // A lone CR is a line end to markdown-it: the fence closes there.
    const cr = 'text\n```sh\rexport A=1\r```\nafter\n';
    assert.deepEqual(regionsOf(cr, 'a.md'), referenceRegions(cr));
    const nul = '```js\nconst a = "\0";\n```\n';
    assert.deepEqual(regionsOf(nul, 'a.md'), referenceRegions(nul));
  });
});

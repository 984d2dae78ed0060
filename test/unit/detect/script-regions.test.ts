import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { regionsOf } from '../../../core/detect/input/regions';
import { formatOf } from '../../../core/files/file-formats';
import { seededDraws, shownValues } from './shown';

// Script elements in HTML pages and single-file components (Vue, Svelte, Astro) are program source
// (core/detect/input/script-regions.ts). Read on held-out set nineteen (a Vue app's member chains
// under `token` names, docs/detection.md) and left then: a component was not a known format.
const shown = shownValues;
const { key } = seededDraws('script-regions');

const program = (text: string, path: string) => regionsOf(text, path).map((r) => text.slice(r.start, r.end));

describe('script regions in markup and single-file components', () => {
  it('single-file components are a format of their own, outside the script markup', () => {
    for (const p of ['src/App.vue', 'src/routes/+page.svelte', 'src/pages/index.astro']) assert.equal(formatOf(p).kind, 'component', p);
    assert.equal(formatOf('public/index.html').kind, 'markup');
  });

  it("a script element's text is program source; a data block's type (JSON, an import map, a template) stays data", () => {
    const page = [
      '<html><head>',
      '<script>const a = 1;</script>',
      '<script type="module" src="x.js"></script>',
      '<SCRIPT TYPE="text/javascript">var b = 2;</SCRIPT >',
      '<script type="application/ld+json">{"k": "v"}</script>',
      "<script type='importmap'>{\"imports\": {}}</script>",
      '<script type="text/x-template" id="t"><div>{{ a }}</div></script>',
      '<scripts>not a script element</scripts>',
      '</head></html>',
    ].join('\n');
    assert.deepEqual(program(page, 'index.html'), ['const a = 1;', 'var b = 2;']);
  });

  it("an Astro component's frontmatter and a Vue component's script setup are program source", () => {
    assert.deepEqual(program('---\nconst title = "x";\n---\n<h1>{title}</h1>\n<script>\nlet n = 0;\n</script>\n', 'Page.astro'), ['const title = "x";\n', '\nlet n = 0;\n']);
    assert.deepEqual(program('<template><p/></template>\n<script setup lang="ts">\nconst n = ref(0)\n</script>\n', 'C.vue'), ['\nconst n = ref(0)\n']);
    // (A `---` first line is frontmatter only in an Astro component.)
    assert.deepEqual(program('---\ntitle: x\n---\n', 'C.vue'), []);
  });

  it('an unclosed script runs to the end of the text; any tag soup gives sorted regions inside the text (fast-check)', () => {
    assert.deepEqual(program('<p>x</p><script>let a = 1', 'a.html'), ['let a = 1']);
    const parts = ['<script>', '<script type="module">', '<script type="application/json">', '</script>', '</script >', '<script', '<p>', 'x = 1;', '\n', '>', '---\n', '"', "'"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 40 }), fc.constantFrom('a.html', 'a.vue', 'a.astro'), (ps, path) => {
        const text = ps.join('');
        let last = 0;
        for (const r of regionsOf(text, path)) {
          assert.ok(r.start >= last && r.start <= r.end && r.end <= text.length, JSON.stringify({ text, r }));
          last = r.end;
        }
      }),
      { numRuns: 2000 },
    );
    // Many open tags without a close are read once each (the attribute reader is bounded).
    const hostile = '<script a'.repeat(50_000);
    assert.equal(regionsOf(hostile, 'a.html').length, 0);
  });

  it("member chains under a token's name in a component's script are code; a literal in the same script is found", () => {
    const path = 'packages/app/src/components/http/Headers.vue';
    const chain = '<template>\n  <div />\n</template>\n<script setup lang="ts">\nconst token = isOAuth2 ? requestAuth.grantTypeInfo.token : requestAuth.token\ninfraToken.value = result.data!.createInfraToken.token;\n</script>\n';
    assert.deepEqual(shown(chain, path), []);
    const k = key();
    assert.deepEqual(shown(`<script setup lang="ts">\nconst token = isOAuth2 ? requestAuth.grantTypeInfo.token : requestAuth.token\nconst apiToken = '${k}'\n</script>\n`, path), [k]);
    // The same in a Svelte component and an HTML page's inline script; a key in a JSON data block is data, and found.
    assert.deepEqual(shown(`<script>\n  const token = session.user.token;\n  const apiKey = "${k}";\n</script>\n`, 'src/lib/Chat.svelte'), [k]);
    assert.deepEqual(shown(`<script>\n  const token = session.user.token;\n</script>\n<script type="application/json">{"apiKey": "${k}"}</script>\n`, 'public/index.html'), [k]);
  });
});

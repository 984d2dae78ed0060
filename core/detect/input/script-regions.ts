import type { Region } from './regions';

/**
 * Program source inside markup: the content of a `<script>` element in an HTML page and in a
 * single-file component (Vue, Svelte, Astro), and an Astro component's frontmatter. The HTML
 * standard (html.spec.whatwg.org, "The script element") runs a script element's text as JavaScript
 * when it has no `type`, an empty one, a JavaScript MIME type or `module`; any other type is a data
 * block (`application/json`, `application/ld+json`, `importmap`, `text/x-template`) and stays data.
 * Vue's and Svelte's compilers read `<script>` (`lang="ts"` included) as the component's module;
 * Astro reads the fenced `---` block at the top of a `.astro` file as its component script
 * (docs.astro.build, "Astro components: the component script").
 *
 * Found by tags, not by a full HTML parser: a script element's content is raw text that ends at the
 * first `</script` (the standard's own rule, which is why a script never writes that sequence), so
 * the tag is where it ends. Bounded on any input: each search starts where the last ended, and an
 * open tag's attributes are read for at most ATTRIBUTES_MAX characters.
 */
const ATTRIBUTES_MAX = 1_000;
const OPEN = new RegExp(`<script(?=[\\s>/])([^>]{0,${ATTRIBUTES_MAX}})>`, 'gi');
const CLOSE = /<\/script[\s>]/gi;
/** A `type` attribute's value, quoted or not. */
const TYPE = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
/** The types that run as script (the standard's JavaScript MIME type essences, and `module`). */
const SCRIPT_TYPE = /^(?:module|(?:text|application)\/(?:x-)?(?:javascript|ecmascript)(?:1\.[0-5])?|text\/(?:jscript|livescript)|text\/(?:babel|jsx|typescript|ts)|application\/typescript)$/;

export function scriptRegions(text: string, frontmatter: boolean): Region[] {
  const out: Region[] = [];
  if (frontmatter) {
    const fm = astroFrontmatter(text);
    if (fm) out.push(fm);
  }
  // Most pages and components hold the tag in lower case; a file with neither spelling has none.
  if (!text.includes('<script') && !/<script/i.test(text)) return out;
  let from = out.length ? out[0]!.end : 0;
  for (;;) {
    OPEN.lastIndex = from;
    const open = OPEN.exec(text);
    if (!open) break;
    const start = open.index + open[0].length;
    CLOSE.lastIndex = start;
    const close = CLOSE.exec(text);
    const end = close ? close.index : text.length;
    if (runsAsScript(open[1]!) && end > start) out.push({ start, end, code: 'program' });
    if (!close) break;
    from = close.index + close[0].length;
  }
  return out;
}

function runsAsScript(attributes: string): boolean {
  const m = TYPE.exec(attributes);
  if (!m) return true;
  const type = (m[1] ?? m[2] ?? m[3] ?? '').trim().toLowerCase();
  return type === '' || SCRIPT_TYPE.test(type);
}

/** An Astro component's script: a `---` line first, up to the next `---` line. */
function astroFrontmatter(text: string): Region | null {
  const first = /^\uFEFF?[ \t]*---[ \t]*\r?\n/.exec(text);
  if (!first) return null;
  const start = first[0].length;
  const closing = /^---[ \t]*$/m;
  const rest = closing.exec(text.slice(start));
  const end = rest ? start + rest.index : text.length;
  return { start, end, code: 'program' };
}

import { formatForLanguage } from '../../files/file-formats';
import type { Region } from './regions';

/**
 * Code in AsciiDoc: listing blocks, the text between two delimiter lines of four or more `-`
 * (docs.asciidoctor.org, "Source blocks" and "Listing blocks"). A block attribute line before it
 * names the language (`[source,java]`, `[source%linenums,kotlin,role="secondary"]`, Asciidoctor's
 * shorthand `[,ruby]`): the block is judged with that language's rules; a listing without a known
 * language holds commands and config, as a fence without one does in Markdown (regions.ts).
 * Outside them the text is prose. Line by line, one pass; a block closes at the next delimiter line
 * of the same length, or at the text's end.
 */
const ATTRIBUTES = /^\[(?:source)?(?:[%#.][^,\]]*)?,\s*([A-Za-z0-9_+#-]+)/;
const DELIMITER = /^-{4,}[ \t]*$/;

/** A listing block's region: judged by its language's rules when the attribute line named a known one, as shell otherwise. */
function block(start: number, end: number, lang: string | undefined): Region {
  const f = lang ? formatForLanguage(lang) : undefined;
  return { start, end, code: f ? f.code : 'shell' };
}

export function asciidocRegions(text: string): Region[] {
  if (!text.includes('----')) return [];
  const out: Region[] = [];
  let lang: string | undefined;
  let open: { start: number; line: string; lang: string | undefined } | undefined;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(at, nl < 0 ? text.length : nl).replace(/\r$/, '');
    if (open) {
      if (line.trimEnd() === open.line) {
        out.push(block(open.start, at, open.lang));
        open = undefined;
      }
    } else if (DELIMITER.test(line)) {
      open = { start: next, line: line.trimEnd(), lang };
      lang = undefined;
    } else {
      const m = ATTRIBUTES.exec(line);
      // (An attribute line applies to the block right after it; any other non-blank line clears it.)
      if (m) lang = m[1]!.toLowerCase();
      else if (line.trim() !== '' && !line.startsWith('.')) lang = undefined;
    }
    at = next;
  }
  if (open && open.start < text.length) out.push(block(open.start, text.length, open.lang));
  return out;
}

import MarkdownIt from 'markdown-it';
import { createScanner } from 'jsonc-parser';
import { formatForLanguage, formatOf, type CodeKind } from '../../files/file-formats';
import { scriptRegions } from './script-regions';
import { asciidocRegions } from './asciidoc-regions';

/**
 * Text that is not what its file is: fenced code in Markdown and MDX, listing blocks in AsciiDoc
 * (asciidoc-regions.ts), notebook code cells, code and
 * shell commands inside JSON string values, script elements in HTML pages and single-file
 * components (script-regions.ts). Each region is judged with the rules of its language
 * (an unquoted word in Python is an identifier, `$VAR` in a shell command is a reference), the rest
 * of the file with its own format's. Found with real parsers: markdown-it for Markdown, the JSON
 * scanner of jsonc-parser for JSON, JSON Lines and notebooks.
 */
export interface Region {
  start: number;
  end: number;
  code: CodeKind;
}

/** Whether a file of this path can hold regions of another language (decides before any parsing). */
export function mayHoldRegions(path: string): boolean {
  const k = formatOf(path).kind;
  return k === 'markdown' || k === 'mdx' || k === 'asciidoc' || k === 'notebook' || k === 'json' || k === 'jsonl' || k === 'jsonc' || k === 'markup' || k === 'component';
}

/** The regions of `text`, sorted by start and not overlapping. */
export function regionsOf(text: string, path: string): Region[] {
  const k = formatOf(path).kind;
  if (k === 'markdown' || k === 'mdx') return markdownRegions(text);
  if (k === 'asciidoc') return asciidocRegions(text);
  if (k === 'notebook') return jsonRegions(text, true);
  if (k === 'json' || k === 'jsonl' || k === 'jsonc') return jsonRegions(text, false);
  if (k === 'markup' || k === 'component') return scriptRegions(text, /\.astro$/i.test(path));
  return [];
}

/** The parser for texts that need markdown-it's normalisation, and the one for texts that do not. */
const parsers: { normalising?: MarkdownIt; plain?: MarkdownIt } = {};

function parserFor(text: string): MarkdownIt {
  // markdown-it's first step turns each `\r\n` and `\r` into `\n` and NUL into U+FFFD with two
  // global replaces, a copy of the whole file that matches at every line end. A text with neither
  // character is the same after it: skipped (crewAI's 24,906 Markdown files: ~0.8 s of ~10 s).
  const plain = !text.includes('\r') && !text.includes('\0');
  const which = plain ? 'plain' : 'normalising';
  let md = parsers[which];
  if (!md) {
    md = parsers[which] = new MarkdownIt('commonmark');
    // Code blocks are block-level: the inline pass (emphasis, links), half the parse time, is not needed.
    md.core.ruler.disable(plain ? ['normalize', 'inline', 'text_join'] : ['inline', 'text_join']);
  }
  return md;
}

function markdownRegions(text: string): Region[] {
  // Only fenced blocks carry a language; a file without a fence marker has none to judge apart.
  if (!text.includes('```') && !text.includes('~~~')) return [];
  const md = parserFor(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (line: number) => (line < lineStarts.length ? lineStarts[line]! : text.length);
  const out: Region[] = [];
  for (const t of md.parse(text, {})) {
    if ((t.type !== 'fence' && t.type !== 'code_block') || !t.map) continue;
    const word = t.info.trim().split(/[\s{]/)[0] ?? '';
    const f = word ? formatForLanguage(word) : undefined;
    // A fence without a known language, or an indented block in a file with fences: commands and
    // config, not prose.
    out.push({ start: at(t.map[0]), end: at(t.map[1]), code: f ? f.code : 'shell' });
  }
  return out;
}

// jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read).
const SyntaxKind = { OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, ColonToken: 6, StringLiteral: 10, EOF: 17 } as const;

const SHELL_COMMAND = /^\s*(?:\$\s+)?(?:curl|wget|export|npx|npm|pnpm|yarn|pip3?|uv|docker|python3?|node|bash|sh|git|echo|set|env|source|kubectl|helm|ollama)\s/;
const PROGRAM = /\\n|;/;
const PROGRAM_WORDS = /\b(?:const|let|var|function|import|from|def|return|class|async|await|print|require)\b|=>|\(\)/;

/**
 * String values holding code (a flow's JavaScript function, a notebook cell) or a shell command.
 * In a notebook, the strings of a code cell's `source` are code; outputs stay data.
 */
function jsonRegions(text: string, notebook: boolean): Region[] {
  const out: Region[] = [];
  const scanner = createScanner(text, true);
  // Per open container: is it an array (its strings are values) or an object (keys, then values)?
  const arrays: boolean[] = [];
  let lastKey = '';
  let afterColon = false;
  let sourceDepth = 0; // depth of a code cell's "source" array, 0 outside it
  let cellIsCode = true;
  let cellIsMarkdown = false;
  let markdownDepth = 0; // depth of a Markdown cell's "source" array, 0 outside it
  let fence: Fence | undefined; // the open fence of that cell, if any
  for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.OpenBracketToken:
        arrays.push(true);
        if (notebook && afterColon && lastKey === 'source' && cellIsCode) sourceDepth = arrays.length;
        if (notebook && afterColon && lastKey === 'source' && cellIsMarkdown) markdownDepth = arrays.length;
        afterColon = false;
        break;
      case SyntaxKind.OpenBraceToken:
        arrays.push(false);
        afterColon = false;
        break;
      case SyntaxKind.CloseBracketToken:
      case SyntaxKind.CloseBraceToken:
        if (sourceDepth === arrays.length) sourceDepth = 0;
        if (markdownDepth === arrays.length) {
          markdownDepth = 0;
          fence = undefined;
        }
        arrays.pop();
        afterColon = false;
        break;
      case SyntaxKind.ColonToken:
        afterColon = true;
        break;
      case SyntaxKind.CommaToken:
        afterColon = false;
        break;
      case SyntaxKind.StringLiteral: {
        const isValue = afterColon || arrays[arrays.length - 1] === true || arrays.length === 0;
        afterColon = false;
        if (!isValue) {
          lastKey = scanner.getTokenValue();
          break;
        }
        if (lastKey === 'cell_type') {
          cellIsCode = scanner.getTokenValue() === 'code';
          cellIsMarkdown = scanner.getTokenValue() === 'markdown';
        }
        const start = scanner.getTokenOffset() + 1;
        const end = scanner.getTokenOffset() + scanner.getTokenLength() - 1;
        if (markdownDepth > 0) {
          fence = markdownCellLine(text, start, end, fence, out);
          break;
        }
        const inCell = sourceDepth > 0 || (notebook && lastKey === 'source' && cellIsCode);
        const raw = text.slice(start, end);
        const code: CodeKind | undefined = inCell ? cellLineCode(raw) : SHELL_COMMAND.test(raw) ? 'shell' : PROGRAM.test(raw) && PROGRAM_WORDS.test(raw) ? 'program' : undefined;
        if (code === undefined) break;
        const last = out[out.length - 1];
        // The lines of one cell are one region.
        if (inCell && last && last.code === code && /^"\s*,\s*"$/.test(text.slice(last.end, start))) last.end = end;
        else out.push({ start, end, code });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * A line of a code cell: Python, except IPython's escapes (ipython.readthedocs.io, "Built-in magic
 * commands", "System shell access"): a line opening with `!` runs in the system shell and a line
 * magic's (`%env NAME=value`, `%pip install …`) argument is a command line, not Python. Both are
 * judged as shell (a word after `NAME=` is the value set, `$NAME` a reference).
 */
function cellLineCode(raw: string): CodeKind {
  if (!/^\s*[!%][A-Za-z]/.test(raw)) return 'program';
  // (A cell's source written as one string is Python from its second line on: judged as before.)
  const nl = raw.indexOf('\\n');
  return nl >= 0 && nl < raw.length - 2 ? 'program' : 'shell';
}

/** A fence opened in a notebook's Markdown cell: its marker (three or more ` or ~) and its language's kind. */
interface Fence {
  marker: string;
  code: CodeKind;
}

/**
 * One line of a Markdown cell's source (nbformat writes a cell's source as a list of its lines): a
 * Markdown cell is Markdown, so its fenced code is code of the fence's language, as in a .md file
 * (markdownRegions; a fence without a known language: commands and config, judged as shell). The
 * lines between the fences join one region; the fences and the prose are not code. Returns the
 * fence open after this line. (A source written as one string is left as data.)
 */
function markdownCellLine(text: string, start: number, end: number, fence: Fence | undefined, out: Region[]): Fence | undefined {
  const line = text.slice(start, end).replace(/(?:\\r)?\\n$/, '');
  const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (fence) {
    if (marker && marker[1]![0] === fence.marker[0] && marker[1]!.length >= fence.marker.length && /^\s*$/.test(line.slice(marker[0].length))) return undefined;
    const last = out[out.length - 1];
    if (last && last.code === fence.code && /^"\s*,\s*"$/.test(text.slice(last.end, start))) last.end = end;
    else out.push({ start, end, code: fence.code });
    return fence;
  }
  if (!marker || (marker[1]![0] === '`' && line.includes('`', marker[0].length))) return undefined;
  const word = line.slice(marker[0].length).trim().split(/[\s{]/)[0] ?? '';
  const f = word ? formatForLanguage(word) : undefined;
  return { marker: marker[1]!, code: f ? f.code : 'shell' };
}

/** Answers `code at offset` for increasing offsets (the engine's hits come in order). */
export class RegionCursor {
  private i = 0;
  constructor(
    private readonly regions: readonly Region[],
    private readonly outside: CodeKind,
  ) {}

  codeAt(pos: number): CodeKind {
    return this.regionAt(pos)?.code ?? this.outside;
  }

  /** The region holding `pos`, if any. */
  regionAt(pos: number): Region | undefined {
    const rs = this.regions;
    if (this.i > 0 && rs[this.i - 1]!.end > pos) this.i = 0; // asked out of order: start over
    while (this.i < rs.length && rs[this.i]!.end <= pos) this.i++;
    const r = rs[this.i];
    return r && r.start <= pos ? r : undefined;
  }
}

import MarkdownIt from 'markdown-it';
import { createScanner } from 'jsonc-parser';
import { formatForLanguage, formatOf, type CodeKind } from '../../files/file-formats';

/**
 * Text that is not what its file is: fenced code in Markdown and MDX, notebook code cells, code and
 * shell commands inside JSON string values. Each region is judged with the rules of its language
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
  return k === 'markdown' || k === 'mdx' || k === 'notebook' || k === 'json' || k === 'jsonl' || k === 'jsonc';
}

/** The regions of `text`, sorted by start and not overlapping. */
export function regionsOf(text: string, path: string): Region[] {
  const k = formatOf(path).kind;
  if (k === 'markdown' || k === 'mdx') return markdownRegions(text);
  if (k === 'notebook') return jsonRegions(text, true);
  if (k === 'json' || k === 'jsonl' || k === 'jsonc') return jsonRegions(text, false);
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
  for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.OpenBracketToken:
        arrays.push(true);
        if (notebook && afterColon && lastKey === 'source' && cellIsCode) sourceDepth = arrays.length;
        afterColon = false;
        break;
      case SyntaxKind.OpenBraceToken:
        arrays.push(false);
        afterColon = false;
        break;
      case SyntaxKind.CloseBracketToken:
      case SyntaxKind.CloseBraceToken:
        if (sourceDepth === arrays.length) sourceDepth = 0;
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
        if (lastKey === 'cell_type') cellIsCode = scanner.getTokenValue() === 'code';
        const start = scanner.getTokenOffset() + 1;
        const end = scanner.getTokenOffset() + scanner.getTokenLength() - 1;
        const inCell = sourceDepth > 0 || (notebook && lastKey === 'source' && cellIsCode);
        const raw = text.slice(start, end);
        const code: CodeKind | undefined = inCell ? 'program' : SHELL_COMMAND.test(raw) ? 'shell' : PROGRAM.test(raw) && PROGRAM_WORDS.test(raw) ? 'program' : undefined;
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

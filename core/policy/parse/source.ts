/**
 * Parses a policy's text (YAML or JSON) into a plain value plus a map from value paths to exact
 * source ranges, so every problem can be underlined where it is: a wrong value at the value, an
 * unknown key at the key, a missing key at its parent's key. Hostile input (alias bombs, huge or
 * deeply nested files) becomes a problem, never a crash or a hang.
 */
import { parseDocument, isMap, isSeq, isScalar, isPair, type Node as YamlNode, type Document } from 'yaml';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { PolicyCode, type PolicyProblem, type Range } from '../check/codes';
import { LineIndex } from './text-position';

export type PathSegment = string | number;

/** Limits that keep a hostile file from exhausting the editor or a CI runner. */
export const LIMITS = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxAliasCount: 100 } as const;

export interface PolicySource {
  /** The parsed value; undefined when the text could not be read at all. */
  value: unknown;
  problems: PolicyProblem[];
  lines: LineIndex;
  /** Range of the value at `path`, or of the deepest existing ancestor's key. */
  valueRange(path: readonly PathSegment[]): Range;
  /** Range of the key that holds `path`; for array items, the item's first key. */
  keyRange(path: readonly PathSegment[]): Range;
  /** Whether `path` exists in the text. */
  has(path: readonly PathSegment[]): boolean;
}

export function isJsonPath(path: string): boolean {
  return /\.json$/i.test(path);
}

export function parsePolicySource(rawText: string, filePath: string): PolicySource {
  // Editors drop the BOM from the document text; drop it here too so positions agree.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  if (text.length > LIMITS.maxBytes) {
    // Not even indexed: an oversized file is refused at the cost of a length check.
    const head = new LineIndex(text.slice(0, 1024));
    const mib = (text.length / 1048576).toFixed(1);
    return emptySource(head, [problem(PolicyCode.inputLimit, `Policy file is too large (${mib} MiB; the limit is ${LIMITS.maxBytes / 1048576} MiB).`, head.range(0, 0))]);
  }
  const lines = new LineIndex(text);
  const limit = checkLimits(text, lines);
  if (limit) return emptySource(lines, [limit]);
  try {
    return isJsonPath(filePath) ? jsonSource(text, lines) : yamlSource(text, lines);
  } catch (err) {
    // Recursion in a parser on input that slipped past the depth pre-scan.
    const why = err instanceof RangeError ? 'nesting too deep to read' : 'unreadable';
    return emptySource(lines, [problem(PolicyCode.inputLimit, `Policy file ${why}.`, lines.range(0, 0))]);
  }
}

function problem(code: PolicyProblem['code'], message: string, range: Range): PolicyProblem {
  return { code, severity: 'error', message, range };
}

function checkLimits(text: string, lines: LineIndex): PolicyProblem | undefined {
  // Bracket depth outside quotes, and indentation depth: cheap upper bounds on nesting that
  // stop deep input before a recursive parser sees it. A real policy nests about six levels.
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      if (++depth > LIMITS.maxDepth) return tooDeep(lines, i);
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  const indents = new Set<number>();
  for (const m of text.matchAll(/^([ \t]*)(?:-[ \t]+)*\S/gm)) indents.add(m[0].length);
  if (indents.size > LIMITS.maxDepth * 2) return tooDeep(lines, 0);
  return undefined;
}

function tooDeep(lines: LineIndex, offset: number): PolicyProblem {
  return problem(PolicyCode.inputLimit, `Policy file nests deeper than ${LIMITS.maxDepth} levels.`, lines.range(offset, offset + 1));
}

function emptySource(lines: LineIndex, problems: PolicyProblem[]): PolicySource {
  const zero = lines.range(0, 0);
  return { value: undefined, problems, lines, valueRange: () => zero, keyRange: () => zero, has: () => false };
}

// ---------------------------------------------------------------- YAML
function yamlSource(text: string, lines: LineIndex): PolicySource {
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  const problems: PolicyProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const dup = e.code === 'DUPLICATE_KEY';
    problems.push({
      code: dup ? PolicyCode.duplicateKey : PolicyCode.yamlSyntax,
      severity: doc.errors.includes(e as never) ? 'error' : 'warning',
      message: dup ? 'Duplicate key: YAML mapping keys must be unique (the later value would silently win).' : `YAML: ${firstLine(e.message)}`,
      range: lines.range(e.pos[0], dup ? e.pos[0] + tokenLength(text, e.pos[0]) : Math.max(e.pos[1], e.pos[0] + 1)),
    });
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch (err) {
      // yaml throws a ReferenceError ("Excessive alias count") when aliases expand past the limit.
      const aliases = err instanceof ReferenceError || /alias/i.test(String((err as Error)?.message));
      const at = aliases ? Math.max(0, text.search(/\*[A-Za-z0-9_-]/)) : 0;
      const message = aliases
        ? `YAML aliases expand too much (more than ${LIMITS.maxAliasCount} per node): refusing to read a possible alias bomb.`
        : 'Policy file could not be read as YAML data.';
      problems.push(problem(PolicyCode.inputLimit, message, lines.range(at, at + 1)));
    }
  }

  const find = (path: readonly PathSegment[]) => {
    let node: unknown = doc.contents;
    let key: YamlNode | undefined;
    let depth = 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
        if (!pair) break;
        key = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        key = undefined;
        node = node.items[seg];
      } else break;
      depth++;
    }
    return { node: node as YamlNode | null | undefined, key, complete: depth === path.length, depth };
  };
  const rangeOf = (n: YamlNode | null | undefined) => (n?.range ? lines.range(n.range[0], n.range[1]) : undefined);
  const firstKeyRange = (n: unknown): Range | undefined => {
    if (isMap(n) && n.items[0] && isPair(n.items[0])) return rangeOf(n.items[0].key as YamlNode);
    return rangeOf(n as YamlNode);
  };
  const fallback = lines.range(0, Math.min(text.length, lines.lineText(0).length));
  return { value, problems, lines, ...locator(find, rangeOf, firstKeyRange, fallback) };
}

interface Lookup<N> {
  node: N | null | undefined;
  key: N | null | undefined;
  /** The whole path was found. */
  complete: boolean;
}

/**
 * Where problems go, the same for YAML and JSON: a value at the value, a missing key at the
 * deepest key that exists (or the first key of the mapping it should be in).
 */
function locator<N>(
  find: (path: readonly PathSegment[]) => Lookup<N>,
  rangeOf: (n: N | null | undefined) => Range | undefined,
  firstKeyRange: (n: N | null | undefined) => Range | undefined,
  fallback: Range,
): Pick<PolicySource, 'has' | 'valueRange' | 'keyRange'> {
  return {
    has: (path) => find(path).complete,
    valueRange: (path) => {
      const f = find(path);
      if (f.complete) return rangeOf(f.node) ?? rangeOf(f.key) ?? fallback;
      return rangeOf(f.key) ?? firstKeyRange(f.node) ?? fallback;
    },
    keyRange: (path) => {
      const f = find(path);
      if (f.key && f.complete) return rangeOf(f.key) ?? fallback;
      if (f.complete) return firstKeyRange(f.node) ?? fallback;
      return rangeOf(f.key) ?? firstKeyRange(f.node) ?? fallback;
    },
  };
}

/** Length of the plain or quoted scalar at `at` (the parser marks only its first character). */
function tokenLength(text: string, at: number): number {
  const m = /^(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\s#,\]}]+)/.exec(text.slice(at, at + 1024));
  return Math.max(1, m?.[0].length ?? 1);
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

// ---------------------------------------------------------------- JSON
function jsonSource(text: string, lines: LineIndex): PolicySource {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: PolicyProblem[] = errors.map((e) =>
    problem(PolicyCode.jsonSyntax, `JSON: ${printParseErrorCode(e.error)}`, lines.range(e.offset, e.offset + Math.max(1, e.length))),
  );
  if (root) collectDuplicateKeys(root, lines, problems);
  // Like YAML's uniqueKeys, a duplicate key makes the file unusable rather than last-one-wins.
  const value = root && problems.length === 0 ? toValue(root) : undefined;

  const find = (path: readonly PathSegment[]) => {
    let node: JsonNode | undefined = root;
    let key: JsonNode | undefined;
    let depth = 0;
    for (const seg of path) {
      if (node?.type === 'object') {
        const prop: JsonNode | undefined = node.children?.find((p) => p.children?.[0]?.value === String(seg));
        if (!prop) break;
        key = prop.children?.[0];
        node = prop.children?.[1];
      } else if (node?.type === 'array' && typeof seg === 'number' && node.children?.[seg]) {
        key = undefined;
        node = node.children[seg];
      } else break;
      depth++;
    }
    return { node, key, complete: depth === path.length };
  };
  const rangeOf = (n: JsonNode | null | undefined) => (n ? lines.range(n.offset, n.offset + n.length) : undefined);
  const firstKeyRange = (n: JsonNode | null | undefined) => (n?.type === 'object' && n.children?.[0] ? rangeOf(n.children[0].children?.[0]) : rangeOf(n));
  const fallback = lines.range(0, 1);
  return { value, problems, lines, ...locator(find, rangeOf, firstKeyRange, fallback) };
}

/** JSON.parse lets the last duplicate win without a word; a policy must not. */
function collectDuplicateKeys(root: JsonNode, lines: LineIndex, out: PolicyProblem[]): void {
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const k = prop.children?.[0];
        if (k && typeof k.value === 'string') {
          if (seen.has(k.value)) out.push(problem(PolicyCode.duplicateKey, 'Duplicate key: JSON object keys must be unique (the later value would silently win).', lines.range(k.offset, k.offset + k.length)));
          seen.add(k.value);
        }
      }
    }
    for (const c of n.children ?? []) stack.push(c);
  }
}

function toValue(n: JsonNode): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = toValue(v);
      }
      return { ...o };
    }
    case 'array':
      return (n.children ?? []).map(toValue);
    default:
      return n.value;
  }
}

/**
 * Where the cursor is in a policy file — the key path, whether it is on a key or a value, and the
 * keys already present — even while the text is half-typed and does not parse. YAML is read by
 * indentation (a parse tree has no node for an empty line being typed); JSON through
 * jsonc-parser's error-tolerant scanner.
 */
import { findNodeAtLocation, getLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isObjectSchema, schemaAt, type DiscriminatorAt } from './schema-walk';
import { isJsonPath, type PathSegment } from '../parse/source';

export interface CursorContext {
  /** Path of the object the cursor's key belongs to (`position: 'key'`), or of the value (`'value'`). */
  path: PathSegment[];
  position: 'key' | 'value';
  /** The key on the cursor's line (key or value position), if any. */
  key?: string;
  /** Keys already present in the object at `path` (key position) or its parent (value position). */
  existingKeys: string[];
  disc: DiscriminatorAt;
}

export function cursorContext(text: string, filePath: string, offset: number): CursorContext | undefined {
  return isJsonPath(filePath) ? jsonContext(text, offset) : yamlContext(text, offset);
}

// ---------------------------------------------------------------- YAML by indentation
interface LineInfo {
  /** Column of the innermost `- ` on the line. */
  dashCol?: number;
  /** Column where the line's key (or scalar item) starts. */
  col: number;
  key?: string;
  value: string;
}

const LINE = /^([ \t]*)((?:-[ \t]+|-$)*)(.*)$/;
const KEY = /^("[^"]*"|'[^']*'|[^\s:#"'][^:#]*?)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$/;

function parseLine(line: string): LineInfo | undefined {
  if (/^\s*(#.*)?$/.test(line)) return undefined;
  const m = LINE.exec(line)!;
  const indent = m[1]!.length;
  const dashes = m[2]!;
  const rest = m[3]!;
  const dashCol = dashes ? indent + dashes.lastIndexOf('-') : undefined;
  const col = indent + dashes.length;
  const km = KEY.exec(rest);
  if (!km) return { ...(dashCol !== undefined ? { dashCol } : {}), col, value: rest.trim() };
  const key = km[1]!.replace(/^["']|["']$/g, '');
  const value = (km[2] ?? '').replace(/(^|\s)#.*$/, '').trim();
  return { ...(dashCol !== undefined ? { dashCol } : {}), col, key, value };
}

class YamlLines {
  readonly lines: string[];
  private readonly cache = new Map<number, LineInfo | undefined>();
  constructor(text: string) {
    this.lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  }
  info(n: number): LineInfo | undefined {
    if (!this.cache.has(n)) this.cache.set(n, parseLine(this.lines[n] ?? ''));
    return this.cache.get(n);
  }

  /** Path of the mapping whose keys sit at `col`, holding a key on line `n` (`dashCol`: the mapping is a list item started there). */
  mappingPath(n: number, col: number, dashCol: number | undefined, frames: Map<string, { line: number; col: number; dashCol?: number }>): PathSegment[] {
    let path: PathSegment[];
    if (dashCol !== undefined) path = [...this.sequencePath(n, dashCol, frames), 0];
    else {
      path = [];
      for (let l = n - 1; l >= 0; l--) {
        const p = this.info(l);
        if (!p) continue;
        if (p.col === col) {
          if (p.dashCol !== undefined) {
            path = [...this.sequencePath(l, p.dashCol, frames), 0];
            break;
          }
          continue;
        }
        if (p.col < col) {
          if (p.key !== undefined && p.value === '') path = [...this.mappingPath(l, p.col, p.dashCol, frames), p.key];
          break;
        }
      }
    }
    frames.set(JSON.stringify(path), { line: n, col, ...(dashCol !== undefined ? { dashCol } : {}) });
    return path;
  }

  /** Path of the list whose item dash is at `dashCol` on line `n`. */
  private sequencePath(n: number, dashCol: number, frames: Map<string, { line: number; col: number; dashCol?: number }>): PathSegment[] {
    for (let l = n - 1; l >= 0; l--) {
      const p = this.info(l);
      if (!p) continue;
      const parentCandidate = p.col < dashCol || (p.col === dashCol && p.dashCol === undefined);
      if (parentCandidate) return p.key !== undefined && p.value === '' ? [...this.mappingPath(l, p.col, p.dashCol, frames), p.key] : [];
    }
    return [];
  }

  /** Keys and scalar values of the mapping at `col` that holds line `n`. */
  siblings(n: number, col: number, dashCol: number | undefined): Map<string, string> {
    const out = new Map<string, string>();
    const take = (p: LineInfo) => p.key !== undefined && out.set(p.key, p.value.replace(/^["']|["']$/g, ''));
    const self = this.info(n);
    if (self && self.col === col) take(self);
    if (dashCol === undefined || self?.dashCol === undefined) {
      for (let l = n - 1; l >= 0; l--) {
        const p = this.info(l);
        if (!p || p.col > col) continue;
        if (p.col < col) break;
        take(p);
        if (p.dashCol !== undefined) break;
      }
    }
    for (let l = n + 1; l < this.lines.length; l++) {
      const p = this.info(l);
      if (!p || p.col > col) continue;
      if (p.col < col || p.dashCol !== undefined) break;
      take(p);
    }
    return out;
  }
}

function yamlContext(text: string, offset: number): CursorContext | undefined {
  const before = text.slice(0, offset);
  const lineNo = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  const col = offset - lineStart;
  const y = new YamlLines(text);
  const full = y.lines[lineNo] ?? '';
  const head = full.slice(0, col);
  const frames = new Map<string, { line: number; col: number; dashCol?: number }>();
  const disc: DiscriminatorAt = (path, key) => {
    const f = frames.get(JSON.stringify(path));
    return f ? y.siblings(f.line, f.col, f.dashCol).get(key) : undefined;
  };

  const m = LINE.exec(full)!;
  const indent = m[1]!.length;
  const dashes = m[2]!;
  const dashCol = dashes ? indent + dashes.lastIndexOf('-') : undefined;
  const keyCol = indent + dashes.length;
  const info = parseLine(full);
  const colonAt = info?.key !== undefined ? full.indexOf(':', keyCol + (full[keyCol] === '"' || full[keyCol] === "'" ? info.key.length + 2 : info.key.length)) : -1;

  if (col < keyCol && !/^\s*$/.test(head)) return undefined;
  const mapPath = y.mappingPath(lineNo, /^\s*$/.test(full) ? col : keyCol, dashCol, frames);
  const existing = [...y.siblings(lineNo, /^\s*$/.test(full) ? col : keyCol, dashCol).keys()];

  if (info?.key !== undefined && colonAt >= 0 && col > colonAt) {
    return { path: [...mapPath, info.key], position: 'value', key: info.key, existingKeys: existing, disc };
  }
  if (info?.key === undefined && dashCol !== undefined && col > dashCol && !isObjectSchema(schemaAt(mapPath, disc))) {
    // `- partial` under a list of scalars: a value position in the list.
    return { path: mapPath.slice(0, -1), position: 'value', existingKeys: existing, disc };
  }
  return { path: mapPath, position: 'key', ...(info?.key !== undefined ? { key: info.key } : {}), existingKeys: existing.filter((k) => k !== info?.key || col > keyCol + k.length), disc };
}

// ---------------------------------------------------------------- JSON
function jsonContext(text: string, offset: number): CursorContext | undefined {
  const loc = getLocation(text, offset);
  const root = parseTree(text, [], { allowTrailingComma: true });
  const objectAt = (path: readonly PathSegment[]): JsonNode | undefined => (root ? findNodeAtLocation(root, [...path]) : undefined);
  const keysOf = (n: JsonNode | undefined) => (n?.type === 'object' ? (n.children ?? []).map((p) => String(p.children?.[0]?.value)) : []);
  const disc: DiscriminatorAt = (path, key) => {
    const n = objectAt(path);
    const prop = n?.type === 'object' ? n.children?.find((p) => p.children?.[0]?.value === key) : undefined;
    const v = prop?.children?.[1]?.value;
    return typeof v === 'string' ? v : undefined;
  };
  const path = loc.path.map((p) => p);
  if (loc.isAtPropertyKey) {
    const parent = path.slice(0, -1);
    const key = String(path[path.length - 1] ?? '');
    return { path: parent, position: 'key', ...(key ? { key } : {}), existingKeys: keysOf(objectAt(parent)).filter((k) => k !== key), disc };
  }
  const last = path[path.length - 1];
  if (typeof last === 'string' && loc.previousNode?.type !== 'property') {
    return { path, position: 'value', key: last, existingKeys: keysOf(objectAt(path.slice(0, -1))), disc };
  }
  if (typeof last === 'number') return { path: path.slice(0, -1), position: 'value', existingKeys: [], disc };
  return { path, position: 'key', existingKeys: keysOf(objectAt(path)), disc };
}

import { findSecrets, type FindOptions } from './engine';
import { applySpans, type RedactionSession } from './session';

/**
 * Transcripts and traces read by their structure: Claude Code's project `.jsonl` files, Codex
 * session logs, LangSmith and Langfuse exports, OpenAI/Anthropic stream dumps. Every JSON string
 * is decoded (escapes undone) before detection and written back escaped, so `\n`, `\"` and `\u`
 * inside a value hide nothing; the pieces of one streamed field (`delta`, `text`, `partial_json`,
 * `arguments` under a delta) across consecutive lines are read as one text, so a key split
 * between two chunks is found and every piece of it replaced. Lines with nothing to replace are
 * kept byte for byte.
 */
export interface StructuredResult {
  text: string;
  count: number;
}

/** Whether `text` is JSON lines (one object per line) or one JSON document. */
export function jsonShape(text: string, path: string): 'lines' | 'document' | undefined {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  if (/\.(jsonl|ndjson)$/i.test(path) || (t.startsWith('{') && /}\s*\r?\n\s*{/.test(t))) return 'lines';
  return 'document';
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
interface Leaf {
  line: number;
  holder: Json[] | { [k: string]: Json };
  key: string | number;
  value: string;
  path: string;
}

const STREAM_FIELD = /(^|\.)(delta(\.[a-z_]+)?|delta\.(text|partial_json|content|arguments|thinking)|delta\.tool_calls\.\d+\.function\.arguments|choices\.\d+\.delta\.(content|refusal|tool_calls\.\d+\.function\.arguments))$/;

export function redactStructured(text: string, path: string, session: RedactionSession, opts: FindOptions = session.options): StructuredResult | undefined {
  const shape = jsonShape(text, path);
  if (!shape) return undefined;
  const lines = shape === 'lines' ? text.split('\n') : [text];
  const parsed: Array<Json | undefined> = lines.map((l) => {
    if (!l.trim()) return undefined;
    try {
      return JSON.parse(l) as Json;
    } catch {
      return undefined;
    }
  });
  if (shape === 'document' && parsed[0] === undefined) return undefined;
  const leaves: Leaf[] = [];
  parsed.forEach((doc, line) => {
    if (doc !== undefined && typeof doc === 'object' && doc !== null) collect(doc, '', line, leaves);
  });
  const changed = new Set<number>();
  let count = 0;
  const replace = (leaf: Leaf, next: string) => {
    (leaf.holder as Record<string | number, Json>)[leaf.key] = next;
    changed.add(leaf.line);
  };
  // Streamed pieces of one field, in order, read as one text.
  const streams = new Map<string, Leaf[]>();
  for (const leaf of leaves) {
    if (shape === 'lines' && STREAM_FIELD.test(leaf.path)) {
      const group = streams.get(leaf.path) ?? [];
      group.push(leaf);
      streams.set(leaf.path, group);
      continue;
    }
    const spans = findSecrets(leaf.value, opts);
    if (spans.length) {
      count += spans.length;
      replace(leaf, applySpans(leaf.value, spans, session));
    }
  }
  for (const group of streams.values()) {
    const whole = group.map((l) => l.value).join('');
    const spans = findSecrets(whole, opts);
    if (!spans.length) continue;
    count += spans.length;
    let at = 0;
    for (const leaf of group) {
      const from = at;
      const to = at + leaf.value.length;
      at = to;
      let out = '';
      let pos = from;
      for (const s of spans) {
        if (s.end <= from || s.start >= to) continue;
        out += whole.slice(pos, Math.max(pos, s.start));
        // The placeholder goes where the key starts; its other pieces become empty.
        if (s.start >= from) out += session.placeholder(s);
        pos = Math.min(to, s.end);
      }
      if (pos === from && out === '') continue;
      out += whole.slice(pos, to);
      if (out !== leaf.value) replace(leaf, out);
    }
  }
  if (!count) return { text, count: 0 };
  if (shape === 'document') return { text: JSON.stringify(parsed[0], null, detectIndent(text)) + (text.endsWith('\n') ? '\n' : ''), count };
  const out = lines.map((l, i) => (changed.has(i) ? JSON.stringify(parsed[i]) + (l.endsWith('\r') ? '\r' : '') : l));
  return { text: out.join('\n'), count };
}

function collect(node: Json[] | { [k: string]: Json }, path: string, line: number, out: Leaf[], depth = 0): void {
  if (depth > 64) return;
  const entries: Array<[string | number, Json]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [k, v] of entries) {
    const p = path ? `${path}.${k}` : String(k);
    if (typeof v === 'string') out.push({ line, holder: node, key: k, value: v, path: p });
    else if (v && typeof v === 'object') collect(v, p, line, out, depth + 1);
  }
}

function detectIndent(text: string): number | string {
  const m = /\n([ \t]+)["}\]]/.exec(text);
  return m ? (m[1]!.startsWith('\t') ? '\t' : m[1]!.length) : 0;
}

import { scanText, type Finding } from '../detect/index';
import { jsonShape } from './structured';

/**
 * `scan` over assistant transcripts and trace exports (Claude Code's project `.jsonl` files, Codex
 * session logs, LangSmith and Langfuse exports) by their structure: each JSON string is decoded
 * and scanned on its own, and the pieces of one streamed field across consecutive lines
 * (`delta`, `text`, `partial_json`, `arguments` under a delta) are scanned as one text, so an
 * escaped key (`\u0073k-…`, `\n` inside it) or one split between two stream events is found.
 * Findings point at the line of the JSON string (of the piece where the key starts) and carry
 * the usual masked preview and fingerprint. Only what the plain scan of the file did not find.
 */
const TRACE_KEYS = /"(?:runs|run_type|observations|traceId|trace_id|spans|parent_run_id|sessionId|transcript|payload|delta)"/;
const STREAM_FIELD = /(^|\.)(delta|delta\.(text|partial_json|content|arguments|thinking)|choices\.\d+\.delta\.(content|tool_calls\.\d+\.function\.arguments))$/;
const MAX_LINES = 200000;

export function isTranscript(path: string, text: string): boolean {
  const shape = jsonShape(text, path);
  if (!shape) return false;
  return shape === 'lines' || TRACE_KEYS.test(text.slice(0, 65536));
}

interface Leaf {
  line: number;
  column: number;
  path: string;
  value: string;
}

export function transcriptFindings(text: string, path: string, already: readonly Finding[]): Finding[] {
  if (!isTranscript(path, text)) return [];
  const shape = jsonShape(text, path);
  const lines = shape === 'lines' ? text.split('\n') : [text];
  const seen = new Set(already.map((f) => `${f.line}\0${f.fingerprint}`));
  const out: Finding[] = [];
  const add = (f: Finding, leaf: Leaf) => {
    const g: Finding = { ...f, line: leaf.line, column: leaf.column, endLine: leaf.line, endColumn: leaf.column + 1, start: 0, end: 0 };
    const id = `${g.line}\0${g.fingerprint}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(g);
  };
  // Only the pieces of streamed fields are kept until the end (they are joined); every other
  // string is scanned as it is met, so a multi-megabyte trace is never held as a list of all its
  // strings (that list took ten times the file's size).
  const streams = new Map<string, Leaf[]>();
  lines.slice(0, MAX_LINES).forEach((raw, i) => {
    if (!raw.trim()) return;
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch {
      return;
    }
    collect(doc, '', (p, v) => {
      const at = raw.indexOf(JSON.stringify(v));
      const line = shape === 'lines' ? i + 1 : 1 + (at >= 0 ? countNewlines(raw, at) : 0);
      const leaf: Leaf = { line, column: at >= 0 ? at - raw.lastIndexOf('\n', at) + 1 : 1, path: p, value: v };
      if (shape === 'lines' && STREAM_FIELD.test(p)) {
        const group = streams.get(p);
        if (group) group.push(leaf);
        else streams.set(p, [leaf]);
        return;
      }
      // A string that is itself JSON or prose: scanned as a text of its own, escapes undone.
      for (const f of scanText(v, { path: 'transcript.txt' })) add(f, leaf);
    });
  });
  for (const group of streams.values()) {
    const whole = group.map((l) => l.value).join('');
    const starts: number[] = [];
    let at = 0;
    for (const l of group) {
      starts.push(at);
      at += l.value.length;
    }
    for (const f of scanText(whole, { path: 'transcript.txt' })) {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1]! <= f.start) k++;
      add(f, group[k]!);
    }
  }
  return out;
}

function collect(v: unknown, path: string, on: (path: string, value: string) => void, depth = 0): void {
  if (depth > 64) return;
  if (typeof v === 'string') on(path, v);
  else if (Array.isArray(v)) v.forEach((x, i) => collect(x, path ? `${path}.${i}` : String(i), on, depth + 1));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, path ? `${path}.${k}` : k, on, depth + 1);
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

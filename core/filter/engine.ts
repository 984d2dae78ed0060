import { ALL_RULES, rawMatches, type KnownSecrets } from '../detect/index';
import { keyedFingerprint } from '../values/fingerprint';
import { encodedRuns } from './encoded';
import { wrappedKeys } from './wrap';
import { buildView, glueAnchors, glueScanner, withoutInvisible } from './view';

/** A credential found by the filter engine, in original offsets. Holds the value: never print it. */
export interface SecretSpan {
  start: number;
  end: number;
  ruleId: string;
  /** The value as detection saw it (decoded, invisible characters removed). */
  value: string;
  /** The policy secret whose current (or retired) value this is, matched by keyed fingerprint. */
  secretId?: string;
  /** How it was hidden: `plain`, `view` (escapes, glue, invisible characters), `wrapped` across lines, or the encoding. */
  via: 'plain' | 'view' | 'wrapped' | 'base64' | 'hex';
}

export interface FindOptions {
  /** Picks format handling (`trace.jsonl`); default: guessed from the text (sniffPath). */
  path?: string;
  knownSecrets?: KnownSecrets;
}

const GLUE = glueScanner(glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors))));

/**
 * Every credential in `text`, however it is written: plain, glued to the word before it, behind
 * `%XX`/`\u`/quoted-printable escapes, with invisible characters inside, wrapped across lines,
 * or one level of base64/hex down. Spans do not overlap and are sorted.
 */
export function findSecrets(text: string, opts: FindOptions = {}): SecretSpan[] {
  const scanOpts = { path: opts.path ?? sniffPath(text), ...(opts.knownSecrets ? { knownSecrets: opts.knownSecrets } : {}) };
  const spans: SecretSpan[] = [];
  for (const m of rawMatches(text, scanOpts)) {
    spans.push(spanOf(m, m.start, m.end, text.slice(m.start, m.end), 'plain'));
  }
  let scanned = text;
  let toOriginal = (s: number, e: number): [number, number] => [s, e];
  const view = buildView(text, GLUE);
  if (view) {
    toOriginal = view.toOriginal;
    for (const m of rawMatches(view.text, scanOpts)) {
      const [s, e] = toOriginal(m.start, m.end);
      spans.push(spanOf(m, s, e, view.text.slice(m.start, m.end), 'view'));
    }
    scanned = view.text;
  }
  for (const run of encodedRuns(scanned)) {
    const inner = rawMatches(run.decoded, { ...scanOpts, path: 'decoded.txt' });
    const m = inner.find((x) => x.ruleId.startsWith('exposed/')) ?? inner[0];
    if (!m) continue;
    const [s, e] = toOriginal(run.start, run.end);
    spans.push(spanOf(m, s, e, run.decoded.slice(m.start, m.end), run.encoding));
  }
  for (const w of wrappedKeys(text, scanOpts)) spans.push({ ...w, via: 'wrapped' });
  return merge(spans);
}

function spanOf(m: { ruleId: string; start: number; end: number; secretId?: string }, start: number, end: number, value: string, via: SecretSpan['via']): SecretSpan {
  const s: SecretSpan = { start, end, ruleId: m.ruleId, value: withoutInvisible(value), via };
  if (m.secretId) s.secretId = m.secretId;
  return s;
}

/** Overlapping spans become one (the widest reach); a known policy value names the merged span. */
function merge(spans: SecretSpan[]): SecretSpan[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      if (s.secretId && !last.secretId) {
        last.secretId = s.secretId;
        last.ruleId = s.ruleId;
        last.value = s.value;
      }
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/**
 * A text with no file name (a prompt, a tool's input, a model's answer) is read as source code when
 * it looks like code, as prose otherwise: in prose `secret: PolicySecret` is an assignment of a
 * value, in code it is a type annotation, and prompts are full of pasted code.
 */
export function sniffPath(text: string): string {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  if (/^\s*(?:import|export|const|let|var|function|class|interface|type|def|package|public|private|async|return)\b/m.test(head)) return 'snippet.ts';
  const codeLines = head.match(/[;{}]\s*$/gm)?.length ?? 0;
  return codeLines >= 3 ? 'snippet.ts' : 'stdin.txt';
}

/** The keyed fingerprint the ledger uses for a span that is a known policy value. */
export function ledgerFingerprint(span: SecretSpan, known: KnownSecrets): string {
  return keyedFingerprint(span.value, known.key, 'value');
}

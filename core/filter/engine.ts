import { ALL_RULES, rawMatches, type KnownSecrets } from '../detect/index';
import { keyedFingerprint } from '../values/fingerprint';
import { encodedRuns } from './encoded';
import { wrappedKeys } from './wrap';
import { buildView, glueAnchors, glueScanner, withoutInvisible, type DetectionView, type GlueScanner } from './view';
import { detectionMayMatch, matchesIn } from './anchor-free';

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
/** The glue scan of a text that holds no rule anchor: glue prefixes are rule anchors. */
const NO_GLUE: GlueScanner = () => [];

/**
 * Every credential in `text`, however it is written: plain, glued to the word before it, behind
 * `%XX`/`\u`/quoted-printable escapes, with invisible characters inside, wrapped across lines,
 * or one level of base64/hex down. Spans do not overlap and are sorted.
 */
export function findSecrets(text: string, opts: FindOptions = {}): SecretSpan[] {
  const scanOpts = { path: opts.path ?? sniffPath(text), ...(opts.knownSecrets ? { knownSecrets: opts.knownSecrets } : {}) };
  const spans: SecretSpan[] = [];
  // A short text without a detection literal (anchor-free.ts) has nothing detection can match as
  // written, and no glued prefix: its roles, ids and most short messages skip both passes.
  const plain = detectionMayMatch(text, opts);
  if (plain) {
    for (const m of rawMatches(text, scanOpts)) {
      spans.push(spanOf(m, m.start, m.end, text.slice(m.start, m.end), 'plain'));
    }
  }
  let scanned = text;
  let toOriginal = (s: number, e: number): [number, number] => [s, e];
  const view = buildView(text, plain ? GLUE : NO_GLUE);
  if (view) {
    toOriginal = view.toOriginal;
    for (const [from, to] of viewWindows(view, opts.path !== undefined)) {
      const part = from === 0 && to === view.text.length ? view.text : view.text.slice(from, to);
      for (const m of matchesIn(part, scanOpts)) {
        const [s, e] = toOriginal(from + m.start, from + m.end);
        spans.push(spanOf(m, s, e, part.slice(m.start, m.end), 'view'));
      }
    }
    scanned = view.text;
  }
  for (const run of encodedRuns(scanned)) {
    const inner = matchesIn(run.decoded, { ...scanOpts, path: 'decoded.txt' });
    const m = inner.find((x) => x.ruleId.startsWith('exposed/')) ?? inner[0];
    if (!m) continue;
    const [s, e] = toOriginal(run.start, run.end);
    spans.push(spanOf(m, s, e, run.decoded.slice(m.start, m.end), run.encoding));
  }
  for (const w of wrappedKeys(text, scanOpts)) spans.push({ ...w, via: 'wrapped' });
  return merge(spans);
}

/** Characters of context a view window keeps on each side of a change (then to whole lines). */
export const VIEW_CONTEXT = 1024;
/** What a match can depend on beyond its lines: a PEM block, a Kubernetes Secret's `kind:`. */
const NOT_LOCAL = /-----BEGIN|\bkind\s*:/;

/**
 * The parts of a view detection runs on: the lines within VIEW_CONTEXT characters of each change,
 * merged. Elsewhere the view is the text itself, which the plain pass has scanned already, and
 * what detection finds in a line depends on that line and its neighbours (a name before a value,
 * a prose cue), not on text kilobytes away. The whole view for a text of a named format (`named`:
 * its structure spans the text), when the text holds what is not local (NOT_LOCAL), or
 * when the windows would cover most of it anyway. Detection ran on both whole texts before: for the
 * 16 % of the proxy bench's fresh 10 KB bodies that have a view (a `%20`, a `my_secret_` glued
 * prefix), their scan's slowest part.
 */
export function viewWindows(view: DetectionView, named: boolean): Array<[number, number]> {
  const v = view.text;
  const whole: Array<[number, number]> = [[0, v.length]];
  if (named || v.length <= 4 * VIEW_CONTEXT || NOT_LOCAL.test(v)) return whole;
  const out: Array<[number, number]> = [];
  for (const at of view.changed) {
    const from = at - VIEW_CONTEXT <= 0 ? 0 : v.lastIndexOf('\n', at - VIEW_CONTEXT) + 1;
    const nl = at + VIEW_CONTEXT >= v.length ? -1 : v.indexOf('\n', at + VIEW_CONTEXT);
    const to = nl < 0 ? v.length : nl + 1;
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  let covered = 0;
  for (const [a, b] of out) covered += b - a;
  return covered * 2 > v.length ? whole : out;
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

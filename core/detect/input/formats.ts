import { isPlaceholder, isIndirect } from '../judge/placeholders';
import { splitName } from '../judge/names';
import { decodeText, judgeSecretData, secretValueMatch as match } from './secret-data';
import type { RawMatch } from '../report/raw-match';

/**
 * Format-specific views of a text whose values are encoded. Plain formats need nothing here:
 * the pattern rules and the generic detector read JSON-escaped quotes (`\"` in notebooks and
 * JSONL), YAML, .env, INI, front matter and Jinja `default('…')` directly in the original text.
 *
 * Kubernetes Secrets are the exception: values under `data:` are base64. Each is decoded and the
 * text judged exactly as the same key with that value under `stringData:` would be (secret-data.ts),
 * and a finding is reported at the value's (encoded) position. That judgement replaces what the
 * matching pass (`found`) read in the encoded characters, which are no value of their own.
 */
export function expandFormats(text: string, path: string, found: RawMatch[], _isCancelled?: () => boolean): void {
  if (!text.includes('ecret') && !text.includes('ECRET')) return; // cheap native test before any regex
  if (!/\.(?:ya?ml|json)$/i.test(path) && !/^\s*kind:/m.test(text.slice(0, 4096))) return;
  if (!hasSecretKindLine(text)) return;
  kubernetesSecretValues(text, path, found);
}

const KIND = /kind:/gi;
const SECRET_AFTER_KIND = /[ \t]*["']?Secret["']?[ \t]*$/imy;
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * `/^[ \t]*kind:[ \t]*["']?Secret["']?[ \t]*$/im.test(text)`, without running a multiline regex
 * at every offset: find each `kind:`, then check what precedes it on its line and what follows.
 */
function hasSecretKindLine(text: string): boolean {
  KIND.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KIND.exec(text))) {
    let k = m.index;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    if (k > 0 && !isLineBreak(text.charCodeAt(k - 1))) continue;
    SECRET_AFTER_KIND.lastIndex = m.index + 5;
    if (SECRET_AFTER_KIND.test(text)) return true;
  }
  return false;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

function kubernetesSecretValues(text: string, path: string, found: RawMatch[]): void {
  const lines = text.split('\n');
  const { kinds, otherKinds } = kindsOf(lines);
  let doc = 0;
  let offset = 0;
  let dataIndent = -1;
  // `data:` holds base64 (decoded and judged); `stringData:` plain text, judged where it stands.
  let encoded = false;
  let block: { name: string; indent: number; start: number; parts: string[]; end: number } | null = null;
  const report = (name: string, value: string, start: number, end: number) => {
    if (encoded && B64.test(value)) {
      for (let k = found.length - 1; k >= 0; k--) if (found[k]!.start < end && found[k]!.end > start) found.splice(k, 1);
    }
    if (!acceptable(value, encoded)) return;
    if (!encoded && namesAUser(name)) return;
    if (!encoded) {
      found.push(match(start, end));
      return;
    }
    const judged = judgeSecretData(name, value, path);
    if (judged) found.push({ ...judged, start, end });
  };
  const flush = () => {
    const b = block as { name: string; start: number; parts: string[]; end: number } | null;
    if (b && b.start >= 0) report(b.name, b.parts.join(''), b.start, b.end);
    block = null;
  };
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, '');
    const indent = body.search(/\S/);
    if (indent < 0) continue;
    const trimmed = body.trim();
    if (isDocumentBreak(trimmed)) doc++;
    if (trimmed.startsWith('#')) continue;
    if (block) {
      if (indent > block.indent) {
        if (block.start < 0) block.start = lineStart + indent;
        block.parts.push(trimmed);
        block.end = lineStart + body.length;
        continue;
      }
      flush();
    }
    if (/^(?:data|stringData):\s*$/.test(trimmed)) {
      // A ConfigMap's `data:` beside a Secret in the same file (a guide's manifests) is configuration.
      if (otherKinds.has(`${doc}:${indent}`) || nestedInOtherKind(kinds, doc, indent)) continue;
      dataIndent = indent;
      encoded = trimmed.startsWith('data');
      continue;
    }
    if (dataIndent < 0) continue;
    if (indent <= dataIndent) {
      dataIndent = -1;
      continue;
    }
    const kv = /^([A-Za-z0-9._-]+):[ \t]*(.*)$/.exec(trimmed);
    if (!kv) continue;
    const raw = kv[2]!;
    if (raw === '|' || raw === '>' || raw === '|-' || raw === '>-') {
      block = { name: kv[1]!, indent, start: -1, parts: [], end: -1 };
      continue;
    }
    const unquoted = raw.replace(/^(["'])(.*)\1$/, '$2');
    const start = lineStart + body.indexOf(raw) + (unquoted !== raw ? 1 : 0);
    report(kv[1]!, unquoted, start, start + unquoted.length);
  }
  flush();
}

/** A YAML document's end: `---`, `...`, or a Markdown fence around one manifest of a guide. */
const isDocumentBreak = (trimmed: string) => trimmed === '---' || trimmed === '...' || trimmed.startsWith('```');

/**
 * The `kind:` lines of each document, read in one pass before the `data:` (keys come in any order:
 * `kubectl get -o yaml` puts `data:` before `kind:`).
 * - `kinds`: per document, the indents of its `kind:` lines and whether each is a Secret's; a list
 *   item's first key (`- kind: Secret` among a Template's objects) at the indent of the item's keys.
 * - `otherKinds`: `document:indent` of each `kind:` line other than Secret (not a list item's) with
 *   no `kind: Secret` at that indent: a `data:` there is the map of that kind (a ConfigMap's).
 */
function kindsOf(lines: string[]): { kinds: Map<number, Map<number, boolean>>; otherKinds: Set<string> } {
  const kinds = new Map<number, Map<number, boolean>>();
  const otherKinds = new Set<string>();
  const secrets = new Set<string>();
  let doc = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (isDocumentBreak(trimmed)) doc++;
    const m = /^(-[ \t]+)?kind:[ \t]*["']?([A-Za-z]+)/.exec(trimmed);
    if (!m) continue;
    const secret = m[2] === 'Secret';
    const lineIndent = line.search(/\S/);
    if (!m[1]) (secret ? secrets : otherKinds).add(`${doc}:${lineIndent}`);
    let at = kinds.get(doc);
    if (!at) kinds.set(doc, (at = new Map()));
    const indent = lineIndent + (m[1]?.length ?? 0);
    at.set(indent, at.get(indent) === true || secret);
  }
  for (const k of secrets) otherKinds.delete(k);
  return { kinds, otherKinds };
}

/**
 * A `data:` deeper than its document's `kind:` of another object, with no `kind: Secret` at its own
 * indent (an ExternalSecret's or a PushSecret's `spec.data`, a list of references to remote keys):
 * a field of that object. A Secret's `data` and `stringData` are top-level fields of the Secret
 * (Kubernetes API reference, Secret v1: apiVersion, kind, metadata, data, stringData, type,
 * immutable; no spec), at the indent of its own `kind:`, in a `List`'s items too.
 */
function nestedInOtherKind(kinds: Map<number, Map<number, boolean>>, doc: number, indent: number): boolean {
  const at = kinds.get(doc);
  if (!at || at.get(indent) === true) return false;
  for (const [k, secret] of at) if (k < indent && !secret) return true;
  return false;
}

function acceptable(value: string, encoded: boolean): boolean {
  if (value.length < 8 || !B64.test(value) || isIndirect(value) || isPlaceholder(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // Short decoded values (`bar`, `admin`, and a word written as it is, `minio123`, which decodes to a
  // few bytes) are names and flags, not credentials.
  if (decoded.trim().length < 6) return false;
  // Bytes that are not text (a random key) are no placeholder: a placeholder is words. (Read as
  // UTF-8 with replacement characters, random bytes showed runs of U+FFFD, which the placeholder
  // check took for a run of one character: 85 of 10,000 drawn 24-byte keys were dropped.)
  // (Under `stringData:` the value is text as written, and judged as before.)
  return (encoded && decodeText(value) === null) || !isPlaceholder(decoded.trim());
}

/**
 * A key under `stringData:` that names a user (`MONGODB_BACKUP_USER`, `username`, `login`): who logs
 * in, as the `kubernetes.io/basic-auth` type's `username` beside its `password` (Kubernetes,
 * "Secrets": basic authentication Secret). The password beside it is the secret and stays reported;
 * under `data:` the decoded text is judged by its name already (secret-data.ts).
 */
function namesAUser(name: string): boolean {
  const words = splitName(name);
  const last = words[words.length - 1];
  return last === 'user' || last === 'username' || last === 'login' || last === 'email' || (last === 'name' && words[words.length - 2] === 'user');
}

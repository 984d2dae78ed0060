import { keyedFingerprint } from '../../values/fingerprint';
import type { RawMatch } from '../report/raw-match';
import type { KnownSecrets } from '../types';

/**
 * Exact occurrences of values held in stores (current) or retired in the ledger, found without
 * holding the values: every candidate string is HMAC-ed with the user's fingerprint key and looked
 * up. Candidates: quoted strings, whitespace-delimited tokens, and the value part of `name=value`
 * / `name: value` tokens, each at least 6 characters long.
 */
const MIN = 6;
const MAX = 512;
const QUOTED = /(["'`])([^"'`\n\r]{6,512})\1/g;
const TOKEN = /[^\s"'`<>]{6,512}/g;
const TRAIL = /[,;)\]}.]+$/;
/** What ends a token (TOKEN's excluded characters; text runs hold no whitespace but these and `\n`). */
const WORD_BREAK = new Set([' ', '\t', '\n', '\r', '\v', '\f', '"', "'", '`', '<', '>']);

/** `spans`: further [start, end) candidates, e.g. a binary container's length-prefixed strings. */
export function matchKnown(text: string, known: KnownSecrets, isCancelled?: () => boolean, spans: ReadonlyArray<readonly [number, number]> = []): RawMatch[] {
  if (!known.current.size && !known.retired.size) return [];
  const seen = new Set<string>();
  const out: RawMatch[] = [];
  let n = 0;
  const test = (start: number, end: number) => {
    if (end - start < MIN || end - start > MAX) return;
    const id = `${start}:${end}`;
    if (seen.has(id)) return;
    seen.add(id);
    const fp = keyedFingerprint(text.slice(start, end), known.key, 'value');
    const cur = known.current.get(fp);
    const old = cur ? undefined : known.retired.get(fp);
    if (cur) out.push(hitFor('exposed/known-secret', start, end, cur.secretId, true, fp));
    else if (old) out.push(hitFor('stale/revoked-key', start, end, old.secretId, false, fp));
  };
  for (const m of text.matchAll(QUOTED)) test(m.index + 1, m.index + 1 + m[2]!.length);
  // A span starts and ends where its string does, though the bytes around may be printable (a
  // length byte, pickle's `q`): the string, and its first and last words (`Bearer <value>`).
  for (const [start, end] of spans) {
    if (++n % 1024 === 0 && isCancelled?.()) return out;
    test(start, end);
    let a = start;
    while (a < end && a - start <= MAX && !WORD_BREAK.has(text[a]!)) a++;
    if (a < end) test(start, a);
    let b = end;
    while (b > start && end - b <= MAX && !WORD_BREAK.has(text[b - 1]!)) b--;
    if (b > start) test(b, end);
  }
  for (const m of text.matchAll(TOKEN)) {
    if (++n % 1024 === 0 && isCancelled?.()) break;
    const start = m.index;
    let tok = m[0];
    const trail = TRAIL.exec(tok);
    if (trail) tok = tok.slice(0, tok.length - trail[0].length);
    test(start, start + tok.length);
    const sep = tok.search(/[=:]/);
    if (sep >= 0) {
      const vStart = start + sep + 1 + (tok[sep + 1] === '=' ? 1 : 0);
      test(vStart, start + tok.length);
    }
  }
  return out;
}

function hitFor(ruleId: string, start: number, end: number, secretId: string, current: boolean, valueFingerprint: string): RawMatch & { secretId: string; valueFingerprint: string } {
  return {
    ruleId,
    title: current ? `the current value of '${secretId}'` : `a retired (revoked) value of '${secretId}'`,
    severity: current ? 'error' : 'warning',
    hint: current
      ? `Replace it with a reference to '${secretId}' and rotate '${secretId}': the value is exposed here.`
      : `Remove it: this value of '${secretId}' was rotated out and must no longer be used.`,
    start,
    end,
    confidence: 1,
    priority: 2,
    secretId,
    valueFingerprint,
  };
}

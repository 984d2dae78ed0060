import * as crypto from 'node:crypto';
import { findSecrets, type FindOptions, type SecretSpan } from './engine';

const { createHash, createHmac, randomBytes } = crypto;
/** Node's one-shot digest (20.12 and later; not in this project's @types/node). */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64') => string }).hash;

/**
 * Placeholders stable for one session (a proxy's lifetime, one `redact` run, one hook call): the
 * same value always becomes the same `[REDACTED:<rule>:<n>]`, so a model can still tell two keys
 * apart and refer back to one. Values are remembered only as an HMAC under a per-session random key.
 */
export class RedactionSession {
  private readonly key = randomBytes(32);
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /**
   * Digests of long texts this session found nothing in. A chat app sends the whole conversation
   * with every turn: the proxy then scans only what is new. Digests only, never the texts, and
   * at most CLEAN_MAX of them (the oldest half is dropped when full).
   */
  private clean = new Set<string>();

  constructor(readonly options: FindOptions = {}) {}

  /**
   * The digest `text` is remembered by when it is long enough to be worth it, and whether this
   * session found it clean already: one hash per text, looked up and then (if clean) remembered.
   */
  cleanDigest(text: string): { digest: string; clean: boolean } | undefined {
    if (text.length < CLEAN_MIN) return undefined;
    const d = digest(text);
    return { digest: d, clean: this.clean.has(d) };
  }

  rememberClean(d: string): void {
    if (this.clean.size >= CLEAN_MAX) this.clean = new Set([...this.clean].slice(CLEAN_MAX / 2));
    this.clean.add(d);
  }

  placeholder(span: Pick<SecretSpan, 'ruleId' | 'value'>): string {
    const rule = span.ruleId.replace(/^[a-z]+\//, '');
    const id = createHmac('sha256', this.key).update(span.value).digest('base64url');
    let p = this.byValue.get(id);
    if (!p) {
      const n = (this.counters.get(rule) ?? 0) + 1;
      this.counters.set(rule, n);
      p = `[REDACTED:${rule}:${n}]`;
      this.byValue.set(id, p);
    }
    return p;
  }
}

export interface Redaction {
  text: string;
  /** What was replaced, in the input's offsets. */
  spans: SecretSpan[];
}

/** Replaces every credential in `text`; every other character is kept as it was. */
export function redactText(text: string, session: RedactionSession, opts: FindOptions = session.options): Redaction {
  const spans = findInText(text, session, opts);
  return { text: applySpans(text, spans, session), spans };
}

/**
 * What redactText replaces in `text`, found the same way (a long text this session found clean
 * before is not scanned again) but not replaced yet: the proxy's raw JSON path looks at every
 * string first and rewrites the body only when one holds something.
 */
export function findInText(text: string, session: RedactionSession, opts: FindOptions = session.options): SecretSpan[] {
  const own = opts === session.options;
  const seen = own ? session.cleanDigest(text) : undefined;
  if (seen?.clean) return [];
  const spans = findSecrets(text, opts);
  if (seen && !spans.length) session.rememberClean(seen.digest);
  return spans;
}

/** Shorter texts are scanned again: hashing them would cost about what scanning does. */
const CLEAN_MIN = 512;
const CLEAN_MAX = 8192;

function digest(text: string): string {
  // One call instead of a Hash object per text, where this Node has it (20.12 and later).
  return oneShot ? oneShot('sha256', text, 'base64') : createHash('sha256').update(text).digest('base64');
}

export function applySpans(text: string, spans: readonly SecretSpan[], session: RedactionSession): string {
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + session.placeholder(s);
    at = s.end;
  }
  return out + text.slice(at);
}

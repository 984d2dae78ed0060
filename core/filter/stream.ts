import { findSecrets, sniffPath, type FindOptions, type SecretSpan } from './engine';
import { applySpans, type RedactionSession } from './session';

/**
 * Redaction of a stream that arrives in pieces (SSE deltas, a child's stdout): `push(chunk)`
 * returns what is safe to pass on now, `end()` the rest. The tail that could still be part of a
 * key — the last token, the token before a line break it may continue across, an open PEM block —
 * is held back until the next chunk decides it, so no part of a key split across chunks is ever
 * emitted. Prose passes at once (the hold starts after the last blank), so the first token is not
 * delayed. The hold is bounded: past HOLD_MAX characters without a break, all but the last WINDOW
 * (longer than any key a rule knows, encoded) are decided and released.
 */
export const WINDOW = 1024;
export const HOLD_MAX = 4096;
/** Already-emitted text kept as context for detection (`password = ` before a value). */
const CONTEXT = 256;
const PEM_BOUND = 64 * 1024;

const TOKEN_END = /[A-Za-z0-9_\-+/=]/;
/** Blanks a key cannot contain (U+FEFF and other invisible characters may sit inside one). */
const BLANK = /[ \t\n\r\f\v]/;

export class StreamRedactor {
  private pending = '';
  private context = '';
  /** Without a file name, the stream is read as code from the moment it looks like code (sniffPath). */
  private sniffed: string | undefined;
  private seen = '';
  /** Every span replaced so far (offsets are not kept: the stream has no stable ones). */
  readonly found: SecretSpan[] = [];

  constructor(
    private readonly session: RedactionSession,
    private readonly opts: FindOptions = session.options,
  ) {}

  push(chunk: string): string {
    if (!chunk) return '';
    this.pending += chunk;
    return this.release(false);
  }

  end(): string {
    return this.release(true);
  }

  /** Characters held back right now (for tests and metrics). */
  get held(): number {
    return this.pending.length;
  }

  private release(final: boolean): string {
    const text = this.context + this.pending;
    const offset = this.context.length;
    let opts = this.opts;
    if (opts.path === undefined) {
      if (this.sniffed !== 'snippet.ts' && this.seen.length < 8192) {
        this.seen += this.pending.slice(0, 8192);
        this.sniffed = sniffPath(this.seen);
      }
      opts = { ...opts, path: this.sniffed ?? 'stdin.txt' };
    }
    let cut = final ? this.pending.length : holdFrom(this.pending);
    // Nothing can be released (a stream sent token by token, a word still open): no scan, since
    // every span would be held with the rest. The next chunk scans the held text with it.
    if (cut === 0) return '';
    const spans = findSecrets(text, opts).filter((s) => s.end > offset);
    if (!final) {
      for (const s of spans) {
        const start = s.start - offset;
        // A match that reaches the cut or the end may still grow with the next chunk.
        if (s.end - offset > cut || s.end - offset >= this.pending.length) cut = Math.min(cut, Math.max(0, start));
      }
    }
    const emitted = this.pending.slice(0, cut);
    const own = spans
      .filter((s) => s.end - offset <= cut)
      .map((s) => ({ ...s, start: Math.max(0, s.start - offset), end: s.end - offset }));
    this.found.push(...own);
    this.context = (this.context + emitted).slice(-CONTEXT);
    this.pending = this.pending.slice(cut);
    return applySpans(emitted, own, this.session);
  }
}

/** Where the part that may still be (the start of) a key begins. */
export function holdFrom(text: string): number {
  let i = text.length;
  for (;;) {
    while (i > 0 && !BLANK.test(text[i - 1]!)) i--;
    // A token that ends a line may continue on the next one (a wrapped key): hold it with the line.
    let j = i;
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
    if (j > 0 && text[j - 1] === '\n') {
      let k = j - 1;
      if (k > 0 && text[k - 1] === '\r') k--;
      if (k > 0 && TOKEN_END.test(text[k - 1]!) && text.length - k < HOLD_MAX) {
        i = k;
        continue;
      }
    }
    break;
  }
  const pem = text.lastIndexOf('-----BEGIN');
  if (pem >= 0 && pem < i && !text.includes('-----END', pem) && text.length - pem <= PEM_BOUND) i = pem;
  if (text.length - i > HOLD_MAX) i = text.length - WINDOW;
  return i;
}

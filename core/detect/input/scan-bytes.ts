import { isProbablyBinary, isPureBinary, lengthPrefixedSpans, textRuns } from './binary';
import { scanText } from '../report/findings';
import type { Finding, ScanOptions } from '../types';

/**
 * How a workspace file's bytes are scanned — one table for the CLI scan (`rotation-guard scan`),
 * the editor's workspace scan and enforce's search for known values, so that a credential one of
 * them finds the others find too:
 *
 *   the bytes                                         read as                   rules
 *   text (first 8 KiB: no NUL, few control bytes)     UTF-8                     all
 *   binary container (pickle/shelve, SQLite, .pyc)    `textRuns`, byte offsets  provider/header formats only
 *   pure binary (image, media, archive, executable)   not read                  none: skipped, 'binary'
 *
 * Binary containers hold recorded data (a cached `Authorization: Bearer …` header, a pickled
 * client's key) as plain bytes. Their runs are judged by format rules only, because names and
 * values are not laid out as in source; known-value matching (`knownSecrets`) applies as to text,
 * and also tests the strings such files store after their length (`lengthPrefixedSpans`).
 * Size limits are the callers' (the editor's `maxFileSizeKB` differs from the CLI's and enforce's).
 */
export type DecodedBytes =
  /** `text` is the UTF-8 decoding; findings' offsets are UTF-16 offsets into it, lines are lines. */
  | { kind: 'text'; text: string }
  /**
   * `text` is `textRuns(bytes)`, one character per byte: a finding's `start` is its byte offset
   * in the file. Its line and column count runs, not lines a person would see. `bytes` are kept
   * for known-value matching, which also tests the strings stored after their length.
   */
  | { kind: 'binary-container'; text: string; bytes: Uint8Array };

export type ScannedBytes = (DecodedBytes & { findings: Finding[] }) | { kind: 'skipped'; reason: 'binary' };

/** The row of the table these bytes fall in, decoded for scanning (nothing is scanned yet). */
export function decodeForScan(bytes: Uint8Array): DecodedBytes | { kind: 'skipped'; reason: 'binary' } {
  if (!isProbablyBinary(bytes)) return { kind: 'text', text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
  if (isPureBinary(bytes)) return { kind: 'skipped', reason: 'binary' };
  return { kind: 'binary-container', text: textRuns(bytes), bytes };
}

/** Scans decoded bytes with the rules their row allows. */
export function scanDecoded(decoded: DecodedBytes, opts: Omit<ScanOptions, 'formatRulesOnly' | 'knownSpans'>): Finding[] {
  if (decoded.kind === 'text') return scanText(decoded.text, opts);
  const knownSpans = opts.knownSecrets ? lengthPrefixedSpans(decoded.bytes) : undefined;
  return scanText(decoded.text, { ...opts, formatRulesOnly: true, ...(knownSpans ? { knownSpans } : {}) });
}

/**
 * A file's findings and the text they were found in (fingerprint `text.slice(f.start, f.end)`),
 * or why it was not scanned. Callers that diagnose text their own way (the editor's validator)
 * use `decodeForScan` and `scanDecoded` instead, so the table stays here.
 */
export function scanBytes(bytes: Uint8Array, opts: Omit<ScanOptions, 'formatRulesOnly' | 'knownSpans'>): ScannedBytes {
  const decoded = decodeForScan(bytes);
  if (decoded.kind === 'skipped') return decoded;
  return { ...decoded, findings: scanDecoded(decoded, opts) };
}

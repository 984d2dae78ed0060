import { readAtMost, TOO_LARGE } from '../../../core/files/read-at-most';
import { isProbablyBinary, isPureBinary, scanText, textRuns, type Finding } from '../../../core/detect/index';

export type SkipReason = 'binary' | 'too-large' | 'unreadable';

export interface FileResult {
  /** Absolute path (or the --stdin-filename / staged path as given). */
  file: string;
  findings: Finding[];
  bytes: number;
  skipped?: SkipReason;
}

export function scanFile(file: string, maxBytes: number): FileResult {
  let buf: Buffer;
  try {
    buf = readAtMost(file, maxBytes);
  } catch (err) {
    if (err === TOO_LARGE) return { file, findings: [], bytes: 0, skipped: 'too-large' };
    return { file, findings: [], bytes: 0, skipped: 'unreadable' };
  }
  return scanBuffer(file, buf, maxBytes);
}

export function scanBuffer(file: string, buf: Uint8Array, maxBytes: number): FileResult {
  if (buf.length > maxBytes) return { file, findings: [], bytes: 0, skipped: 'too-large' };
  if (isProbablyBinary(buf)) {
    if (isPureBinary(buf)) return { file, findings: [], bytes: 0, skipped: 'binary' };
    // Pickles, shelve and SQLite files, .pyc: their text runs, for credential formats only.
    return { file, findings: scanText(textRuns(buf), { path: file, formatRulesOnly: true }), bytes: buf.length };
  }
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  return { file, findings: scanText(text, { path: file }), bytes: buf.length };
}

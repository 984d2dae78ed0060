import { readFileSync, statSync } from 'node:fs';
import { isProbablyBinary, scanText, type Finding } from '../../../server/src/core/detect/index';

export type SkipReason = 'binary' | 'too-large' | 'unreadable';

export interface FileResult {
  /** Absolute path (or the --stdin-filename / staged path as given). */
  file: string;
  findings: Finding[];
  bytes: number;
  skipped?: SkipReason;
}

export function scanFile(file: string, maxBytes: number): FileResult {
  try {
    const size = statSync(file).size;
    if (size > maxBytes) return { file, findings: [], bytes: 0, skipped: 'too-large' };
    const buf = readFileSync(file);
    return scanBuffer(file, buf, maxBytes);
  } catch {
    return { file, findings: [], bytes: 0, skipped: 'unreadable' };
  }
}

export function scanBuffer(file: string, buf: Uint8Array, maxBytes: number): FileResult {
  if (buf.length > maxBytes) return { file, findings: [], bytes: 0, skipped: 'too-large' };
  if (isProbablyBinary(buf)) return { file, findings: [], bytes: 0, skipped: 'binary' };
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  return { file, findings: scanText(text, { path: file }), bytes: buf.length };
}

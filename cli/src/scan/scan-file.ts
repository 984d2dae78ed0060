import { readAtMost, TOO_LARGE, type ReadScratch } from '../../../core/files';
import { scanBytes, type Finding } from '../../../core/detect';
import { transcriptFindings } from '../../../core/filter';

export type SkipReason = 'binary' | 'too-large' | 'unreadable';

export interface FileResult {
  /** Absolute path (or the --stdin-filename / staged path as given). */
  file: string;
  findings: Finding[];
  bytes: number;
  skipped?: SkipReason;
}

/** This thread's read buffer: scanFile keeps nothing of a file's bytes once it returns. */
const scratch: ReadScratch = {};

export function scanFile(file: string, maxBytes: number): FileResult {
  let buf: Buffer;
  try {
    buf = readAtMost(file, maxBytes, scratch);
  } catch (err) {
    if (err === TOO_LARGE) return { file, findings: [], bytes: 0, skipped: 'too-large' };
    return { file, findings: [], bytes: 0, skipped: 'unreadable' };
  }
  return scanBuffer(file, buf, maxBytes);
}

export function scanBuffer(file: string, buf: Uint8Array, maxBytes: number): FileResult {
  if (buf.length > maxBytes) return { file, findings: [], bytes: 0, skipped: 'too-large' };
  // Text, binary container or pure binary: core's one table (core/detect/scan-bytes.ts).
  const scanned = scanBytes(buf, { path: file });
  if (scanned.kind === 'skipped') return { file, findings: [], bytes: 0, skipped: scanned.reason };
  // Transcripts and traces (JSON lines, trace exports): their strings decoded, streamed pieces joined.
  // Text is decoded once: a second decoding of a multi-megabyte trace was a second copy of it.
  const more = /\.(jsonl|ndjson|json)$/i.test(file) ? transcriptFindings(scanned.kind === 'text' ? scanned.text : Buffer.from(buf).toString('utf8'), file, scanned.findings) : [];
  return { file, findings: more.length ? [...scanned.findings, ...more].sort((a, b) => a.line - b.line || a.column - b.column) : scanned.findings, bytes: buf.length };
}

import type { Finding } from '../types';

/**
 * Baseline: accepted findings, keyed by the finding fingerprint (rule + value, never the value
 * and never a line number, so edits around a finding do not invalidate it). Stored as JSON Lines,
 * one entry per line, sorted by fingerprint, no timestamps, so two branches that add entries merge
 * without conflicts:
 *
 *   {"fingerprint":"h1:…","ruleId":"secret/generic-api-key","file":"test/fixtures/x.env","reason":"test fixture","expires":"2027-01-31"}
 *
 * `file` is informational (where the value was when it was accepted); `expires` (YYYY-MM-DD) is
 * optional; after it the finding is reported again.
 */
export const DEFAULT_BASELINE_FILE = '.rotation-guard-baseline.jsonl';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
  reason: string;
  expires?: string;
}

export interface ParsedBaseline {
  entries: BaselineEntry[];
  /** 1-based line numbers and problems of lines that are not valid entries. */
  errors: Array<{ line: number; message: string }>;
}

export function parseBaseline(text: string): ParsedBaseline {
  const entries: BaselineEntry[] = [];
  const errors: ParsedBaseline['errors'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('//') || line.startsWith('#')) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, message: 'not a JSON object' });
      return;
    }
    const e = o as Partial<BaselineEntry>;
    if (typeof e !== 'object' || e === null || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string') {
      errors.push({ line: i + 1, message: 'an entry needs "fingerprint" and "ruleId"' });
      return;
    }
    if (typeof e.reason !== 'string' || !e.reason.trim()) {
      errors.push({ line: i + 1, message: 'an entry needs a non-empty "reason"' });
      return;
    }
    if (e.expires !== undefined && (typeof e.expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.expires))) {
      errors.push({ line: i + 1, message: '"expires" must be a date, YYYY-MM-DD' });
      return;
    }
    const entry: BaselineEntry = { fingerprint: e.fingerprint, ruleId: e.ruleId, reason: e.reason };
    if (typeof e.file === 'string') entry.file = e.file;
    if (e.expires) entry.expires = e.expires;
    entries.push(entry);
  });
  return { entries, errors };
}

/** Serialises entries in the canonical, merge-friendly form (sorted, fixed key order). */
export function formatBaseline(entries: BaselineEntry[]): string {
  const byFp = new Map<string, BaselineEntry>();
  for (const e of entries) if (!byFp.has(e.fingerprint)) byFp.set(e.fingerprint, e);
  const sorted = [...byFp.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return sorted
    .map((e) => {
      // Fixed key order keeps diffs of the file minimal.
      const o: Record<string, string> = { fingerprint: e.fingerprint, ruleId: e.ruleId };
      if (e.file !== undefined) o.file = e.file;
      o.reason = e.reason;
      if (e.expires !== undefined) o.expires = e.expires;
      return JSON.stringify(o);
    })
    .join('\n')
    .concat(sorted.length ? '\n' : '');
}

export interface BaselineResult<F extends Finding> {
  /** Findings the baseline does not cover (or covers with an expired entry). */
  reported: F[];
  /** Findings the baseline accepted. */
  accepted: F[];
  /** Entries that matched no finding: the value is gone, so the entry can be deleted. */
  unused: BaselineEntry[];
  /** Entries past their expiry date that still match a finding. */
  expired: BaselineEntry[];
}

/** `today` is YYYY-MM-DD (injected so results are reproducible). */
export function applyBaseline<F extends Finding>(findings: F[], entries: BaselineEntry[], today: string): BaselineResult<F> {
  const byFp = new Map(entries.map((e) => [e.fingerprint, e]));
  const used = new Set<string>();
  const expired = new Map<string, BaselineEntry>();
  const reported: F[] = [];
  const accepted: F[] = [];
  for (const f of findings) {
    const e = byFp.get(f.fingerprint);
    if (!e || e.ruleId !== f.ruleId) {
      reported.push(f);
      continue;
    }
    used.add(e.fingerprint);
    if (e.expires && e.expires < today) {
      expired.set(e.fingerprint, e);
      reported.push(f);
    } else accepted.push(f);
  }
  return { reported, accepted, unused: entries.filter((e) => !used.has(e.fingerprint)), expired: [...expired.values()] };
}

/** Entries accepting the given findings; `file` is the display path of each finding. */
export function entriesFor(findings: Array<Finding & { file?: string }>, reason: string, expires?: string): BaselineEntry[] {
  return findings.map((f) => {
    const e: BaselineEntry = { fingerprint: f.fingerprint, ruleId: f.ruleId, reason };
    if (f.file) e.file = f.file;
    if (expires) e.expires = expires;
    return e;
  });
}

/**
 * Quick fixes for policy problems, computed from the problem's code, range and `data` (never
 * from its message). Pure: the language server turns them into code actions.
 */
import { PolicyCode, type PolicyProblem, type Range } from '../check/codes';
import { MS } from '../model/duration';
import { cursorContext } from './cursor-context';
import { keysAt } from './schema-walk';
import { isJsonPath } from '../parse/source';
import { LineIndex } from '../parse/text-position';

export interface PolicyTextEdit {
  range: Range;
  newText: string;
}
export interface PolicyQuickFix {
  title: string;
  edits: PolicyTextEdit[];
  /** The one fix an editor may apply on "fix all". */
  preferred?: boolean;
}

type FixableProblem = Pick<PolicyProblem, 'code' | 'range'> & { data?: unknown };

export function policyQuickFixes(text: string, path: string, problem: FixableProblem): PolicyQuickFix[] {
  const json = isJsonPath(path);
  const data = (problem.data ?? {}) as Record<string, unknown>;
  const lines = new LineIndex(text);
  const quote = (v: string) => (json ? JSON.stringify(v) : v);
  const replace = (title: string, value: string): PolicyQuickFix => ({ title, edits: [{ range: problem.range, newText: quote(value) }], preferred: true });

  switch (problem.code) {
    case PolicyCode.intervalExceedsThreatModel: {
      const bound = typeof data.boundMs === 'number' ? wholeDuration(data.boundMs) : undefined;
      return bound && isMaxAge(lines, problem.range) ? [replace(`Set maxAge to ${bound} (the threat model's bound)`, bound)] : [];
    }
    case PolicyCode.cryptoperiodExceeded:
      return typeof data.maxDays === 'number' && isMaxAge(lines, problem.range) ? [replace(`Set maxAge to ${data.maxDays}d`, `${data.maxDays}d`)] : [];
    case PolicyCode.graceNotLessThanInterval:
      // A quarter of the interval leaves three quarters in which only the new value works.
      return typeof data.intervalMs === 'number' ? [replace(`Set gracePeriod to ${wholeDuration(data.intervalMs / 4)}`, wholeDuration(data.intervalMs / 4))] : [];
    case PolicyCode.expiryNotAfterInterval:
      // Expiry after the next rotation plus its grace: half an interval of slack.
      return typeof data.intervalMs === 'number' ? [replace(`Set expiresAfter to ${wholeDuration(data.intervalMs * 1.5)}`, wholeDuration(data.intervalMs * 1.5))] : [];
    case PolicyCode.humanPasswordPeriodicRotation: {
      const del = json ? undefined : deleteLine(lines, problem.range.start.line);
      return del ? [{ title: 'Remove the periodic rotation (change on compromise only)', edits: [del], preferred: true }] : [];
    }
    case PolicyCode.schema:
    case PolicyCode.unknownStore:
    case PolicyCode.unknownProvider:
    case PolicyCode.unknownThreatModel: {
      if (typeof data.key === 'string') return renameKey(text, path, lines, problem.range, data.key);
      const options = (Array.isArray(data.known) ? data.known : Array.isArray(data.allowed) ? data.allowed : []).map(String);
      const current = unquote(text.slice(lines.offset(problem.range.start), lines.offset(problem.range.end)));
      return closest(current, options).map((o, i) => ({ title: `Change to '${o}'`, edits: [{ range: problem.range, newText: quote(o) }], preferred: i === 0 }));
    }
    case PolicyCode.noCompromiseTrigger:
    case PolicyCode.machineSecretWithoutInterval: {
      if (json) return [];
      const existing = /^(\s*)triggers\s*:\s*(#.*)?$/.exec(lines.lineText(problem.range.start.line));
      if (existing) {
        const item = insertAfter(lines, problem.range.start.line, `${existing[1] ?? ''}  `, ['- on: exposed-in-file', '  action: rotate-now']);
        return [{ title: 'Add a compromise trigger (rotate now)', edits: [item], preferred: true }];
      }
      const insert = insertIntoSecret(lines, problem.range.start.line, problem.code === PolicyCode.noCompromiseTrigger ? ['triggers:', '  - on: exposed-in-file', '    action: rotate-now', '  - on: exposed-in-git-history', '    action: rotate-now'] : ['maxAge: 90d']);
      if (!insert) return [];
      return [{ title: problem.code === PolicyCode.noCompromiseTrigger ? 'Add compromise triggers (rotate now)' : 'Add maxAge: 90d', edits: [insert], preferred: true }];
    }
    default:
      return [];
  }
}

/** An unknown key → the nearest key the model allows there that is not already present. */
function renameKey(text: string, path: string, lines: LineIndex, range: Range, key: string): PolicyQuickFix[] {
  const ctx = cursorContext(text, path, lines.offset(range.start) + 1);
  if (!ctx || ctx.position !== 'key') return [];
  const present = new Set(ctx.existingKeys);
  const allowed = keysAt(ctx.path, ctx.disc).map((k) => k.key).filter((k) => !present.has(k));
  const json = isJsonPath(path);
  return closest(key, allowed).map((k, i) => ({ title: `Rename to '${k}'`, edits: [{ range, newText: json ? JSON.stringify(k) : k }], preferred: i === 0 }));
}

function isMaxAge(lines: LineIndex, range: Range): boolean {
  return /(^|[\s{,"])maxAge"?\s*:/.test(lines.lineText(range.start.line).slice(0, range.start.character));
}

function wholeDuration(ms: number): string {
  return ms >= MS.d ? `${Math.floor(ms / MS.d)}d` : `${Math.max(1, Math.floor(ms / MS.h))}h`;
}

function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

/** Deletes a block-style `key: value` line; undefined when the line holds more than that. */
function deleteLine(lines: LineIndex, line: number): PolicyTextEdit | undefined {
  if (!/^\s*[\w$-]+\s*:\s*\S+\s*(#.*)?$/.test(lines.lineText(line))) return undefined;
  return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
}

/** Inserts block lines right after the secret's `id:` line, indented like its keys. */
function insertIntoSecret(lines: LineIndex, idLine: number, block: string[]): PolicyTextEdit | undefined {
  const m = /^(\s*)(-\s+)?id\s*:/.exec(lines.lineText(idLine));
  if (!m) return undefined;
  return insertAfter(lines, idLine, ' '.repeat((m[1]?.length ?? 0) + (m[2]?.length ?? 0)), block);
}

function insertAfter(lines: LineIndex, line: number, indent: string, block: string[]): PolicyTextEdit {
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  const atEnd = line + 1 >= lines.lineCount();
  const pos = atEnd ? { line, character: lines.lineText(line).length } : { line: line + 1, character: 0 };
  return { range: { start: pos, end: pos }, newText: (atEnd ? eol : '') + block.map((b) => `${indent}${b}${eol}`).join('') };
}

/** Up to three options within edit distance 3 (or sharing a prefix), nearest first. */
function closest(value: string, options: string[]): string[] {
  return options
    .map((o) => ({ o, d: distance(value.toLowerCase(), o.toLowerCase()) }))
    .filter(({ o, d }) => d <= Math.max(3, Math.floor(o.length / 3)) && o !== value)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ o }) => o);
}

function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

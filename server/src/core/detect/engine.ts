import { genericAt, GENERIC_KEYWORDS, type GenericContext } from './generic';
import { isPlaceholder, isReference } from './placeholders';
import { buildPrefilter, type Prefilter } from './prefilter';
import type { RawMatch } from './raw-match';
import type { PatternRule } from './rule';
import { ALL_RULES } from './rules/all';

/**
 * The matching loop: one prefilter pass, then at each hit only the rules that can start there,
 * each a sticky regex with bounded quantifiers. Cost is linear in the text plus the work at hits.
 */
type Item = { kind: 'rule'; rule: PatternRule } | { kind: 'generic' };

let cached: Prefilter<Item> | undefined;

function prefilter(): Prefilter<Item> {
  if (cached) return cached;
  const generic: Item = { kind: 'generic' };
  const anchors = [
    ...ALL_RULES.flatMap((rule) => {
      const item: Item = { kind: 'rule', rule };
      return rule.anchors.map((literal) => ({ literal, ignoreCase: !!rule.anchorsIgnoreCase, item }));
    }),
    ...GENERIC_KEYWORDS.map((literal) => ({ literal, ignoreCase: true, item: generic })),
  ];
  cached = buildPrefilter<Item>(anchors);
  return cached;
}

/** How often long loops look at the cancellation flag (in prefilter hits). */
const CANCEL_EVERY = 256;

export function matchAll(text: string, path: string, isCancelled?: () => boolean): RawMatch[] {
  const out: RawMatch[] = [];
  const ctx: GenericContext = { text, path, seen: new Set() };
  let hits = 0;
  prefilter().scan(text, (at, items) => {
    if (++hits % CANCEL_EVERY === 0 && isCancelled?.()) return false;
    for (const item of items) {
      if (item.kind === 'generic') {
        const g = genericAt(ctx, at);
        if (g) out.push(g);
      } else {
        const r = runRule(item.rule, text, at);
        if (r) out.push(r);
      }
    }
    return true;
  });
  return resolveOverlaps(out);
}

function runRule(rule: PatternRule, text: string, at: number): RawMatch | null {
  let start: number, end: number;
  let m: RegExpExecArray | null = null;
  let confidence = rule.confidence;
  if (rule.scan) {
    const r = rule.scan(text, at);
    if (!r) return null;
    ({ start, end } = r);
    if (r.confidence !== undefined) confidence = r.confidence;
  } else {
    const re = rule.pattern;
    re.lastIndex = at;
    m = re.exec(text);
    if (!m || !m.indices) return null;
    const span = m.indices.groups?.v ?? m.indices[0];
    const pre = m.indices.groups?.p;
    start = pre ? pre[0] : span![0];
    end = span![1];
  }
  const value = text.slice(start, end);
  // A value running into mask characters (`xoxp-…-####`) is a redacted sample, not a key.
  const next = text[end];
  if (next === '#' || next === '*' || next === '•' || next === '…' || text.startsWith('...', end)) return null;
  if (!rule.keepPlaceholders && (isPlaceholder(value) || isReference(value))) return null;
  if (rule.validate && m) {
    const c = rule.validate(value, m);
    if (c === null) return null;
    confidence = c;
  }
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    hint: rule.hint,
    ...(rule.envVar ? { envVar: rule.envVar } : {}),
    start,
    end,
    confidence,
    priority: 1,
  };
}

/** Keeps one match per region: the higher priority, then the longer, then the earlier rule. */
function resolveOverlaps(ms: RawMatch[]): RawMatch[] {
  ms.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawMatch[] = [];
  for (const m of ms) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      const better = m.priority > last.priority || (m.priority === last.priority && m.end - m.start > last.end - last.start);
      if (better) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept;
}

import { formatOfText } from '../../files/file-formats';
import { isPromptFile } from '../../files/file-kinds';
import { mayHoldRegions, RegionCursor, regionsOf } from '../input/regions';
import { genericAt, GENERIC_KEYWORDS, type GenericContext } from '../judge/generic';
import { isPatternSource, isPlaceholder, isIndirect } from '../judge/placeholders';
import { buildPrefilter, type Prefilter } from '../input/prefilter';
import type { Attempt, RawMatch } from '../report/raw-match';
import { bodyFits, type PatternRule, type RuleVariant } from './rule';
import { ALL_RULES } from './all';
import { placeShapeMatches, placeWeakDefaults } from '../judge/weak-defaults';
import { isIdentifierName } from '../judge/values';
import { placeExampleTokens } from '../judge/jwt-claims';
import { ALLOW_MARKER } from '../judge/suppress';
import { GeneratedLines } from './generated-lines';
import { isGeneratedFile } from './generated-files';
import { placeFormatJudgements } from './format-judgements';

/**
 * The matching loop: one prefilter pass, then at each hit only the rules that can start there,
 * each a sticky regex with bounded quantifiers. Cost is linear in the text plus the work at hits.
 */
/**
 * `idx` numbers the items so per-scan state lives in a typed array instead of a Map. `lineJudged`:
 * the item is judged only off a minifier's lines (the generic detector, SHAPE_RULES_IN_CODE), set
 * once here instead of a set lookup at every hit.
 */
type Item = { kind: 'rule'; rule: PatternRule; idx: number; lineJudged: boolean } | { kind: 'generic'; idx: number; lineJudged: true } | { kind: 'marker'; idx: number; lineJudged: false };

/** What the matching pass noticed besides matches, for the format views (formats.ts). */
export interface MatchNotes {
  /** The text holds `kind:` (any case): it may be a Kubernetes manifest. */
  kindKey: boolean;
  /**
   * The text holds the inline suppression marker (`rotation-guard:allow`), so findings need their
   * lines checked; seen by this pass instead of a second search of the whole text. Left unset
   * when the pass was cancelled before the end.
   */
  allowMarker?: boolean;
}

let cached: Prefilter<Item> | undefined;
let itemCount = 0;
let spareBusyUntil: Int32Array | null = null;

function prefilter(): Prefilter<Item> {
  if (cached) return cached;
  const generic: Item = { kind: 'generic', idx: 0, lineJudged: true };
  const kindKey: Item = { kind: 'marker', idx: 1, lineJudged: false };
  const allowMarker: Item = { kind: 'marker', idx: 2, lineJudged: false };
  itemCount = 3;
  const anchors = [
    ...ALL_RULES.flatMap((rule) => {
      const item: Item = { kind: 'rule', rule, idx: itemCount++, lineJudged: SHAPE_RULES_IN_CODE.has(rule.id) };
      return rule.anchors.map((literal) => ({ literal, ignoreCase: !!rule.anchorsIgnoreCase, item }));
    }),
    ...GENERIC_KEYWORDS.map((literal) => ({ literal, ignoreCase: true, item: generic })),
    { literal: 'kind:', ignoreCase: true, item: kindKey },
    { literal: ALLOW_MARKER, ignoreCase: false, item: allowMarker },
  ];
  cached = buildPrefilter<Item>(anchors);
  return cached;
}

const SHAPE_RULES_IN_CODE = new Set(['secret/url-credentials', 'secret/curl-credentials']);
// Minified bundles, Yarn's vendored releases, and source maps (ECMA-426: a bundler's `mappings` and
// `sourcesContent` copies of the sources it bundled, minified names among them; the sources it copies
// are scanned where they live, and a provider's key copied into it is still found). A bundle under
// another name keeps its string literals judged (generated-lines.ts; held-out-classes.test.ts).
const MINIFIED = /\.min\.[cm]?js$|(?:^|[\\/])\.yarn[\\/]releases[\\/]|\.(?:[cm]?js|css)\.map$/;

/** How often long loops look at the cancellation flag (in prefilter hits). */
const CANCEL_EVERY = 256;

export function matchAll(text: string, path: string, isCancelled?: () => boolean, notes?: MatchNotes, formatRulesOnly = false): RawMatch[] {
  const out: RawMatch[] = [];
  // (A script without an extension is read in the language its interpreter line names.)
  const format = formatOfText(path, text);
  const fileCode = format.code;
  // Documentation, not prompts: a prompt is where a pasted credential does its harm.
  const docs = (format.kind === 'markdown' || format.kind === 'mdx' || format.kind === 'asciidoc') && !isPromptFile(path);
  // Lockfiles name packages (`'@inquirer/password': 4.0.16`), never credentials by name.
  // Minified bundles (`*.min.js`, a vendored `.yarn/releases/yarn-*.cjs`) are generated code: names
  // and values there are a minifier's, and only provider formats are judged; so in program source
  // whose header or folder says a code generator wrote it (generated-files.ts; not configuration,
  // which a template renders from the values a person gave it).
  const minified = MINIFIED.test(path) || (fileCode === 'program' && isGeneratedFile(path, text));
  const noGeneric = formatRulesOnly || format.kind === 'lockfile' || minified;
  // A bundle under another name, or inlined in a page: judged line by line (generated-lines.ts).
  const jsonText = format.kind === 'json' || format.kind === 'jsonl' || format.kind === 'notebook';
  let generated: GeneratedLines | null | undefined = jsonText || minified ? null : undefined;
  // Regions of another language (Markdown fences, notebook cells) are parsed at the first
  // credential word that needs them, never for files without one.
  let regions: RegionCursor | null | undefined;
  const ctx: GenericContext = {
    text,
    jsonText,
    dollarTemplates: format.dollarTemplates,
    codeAt: (pos) => {
      if (regions === undefined) regions = mayHoldRegions(path) ? new RegionCursor(regionsOf(text, path), fileCode) : null;
      return regions ? regions.codeAt(pos) : fileCode;
    },
    docsProseAt: (pos) => {
      if (!docs) return false;
      if (regions === undefined) regions = mayHoldRegions(path) ? new RegionCursor(regionsOf(text, path), fileCode) : null;
      return !regions?.regionAt(pos);
    },
  };
  // Like a global regex, a rule does not look for a new match inside its previous one: this keeps
  // the work linear on inputs made of one anchor repeated (`sk-sk-sk-…`, `password=password=…`).
  const pf = prefilter();
  // The table of the previous text, if no scan holds it: a typed array of this size lives outside
  // the heap, allocated and later swept once per file otherwise.
  const busyUntil = spareBusyUntil ?? new Int32Array(itemCount);
  spareBusyUntil = null;
  busyUntil.fill(-1);
  let hits = 0;
  // The token run holding the last hit: a later hit inside it ends where it ends, so runs of
  // repeated anchors (`sk-sk-sk-…`) are measured once, not once per hit.
  let runFrom = -1;
  let runEnd = -1;
  let complete = true;
  pf.scan(text, (at, items) => {
    if (++hits % CANCEL_EVERY === 0 && isCancelled?.()) return (complete = false);
    let run = -1;
    for (let k = 0; k < items.length; k++) {
      const item = items[k]!;
      if (busyUntil[item.idx]! > at) continue;
      if (item.kind === 'generic' && noGeneric) continue;
      // A minifier's `a:b@c` is not a URL's password: in a bundle only provider formats count.
      if (minified && item.kind === 'rule' && item.lineJudged) continue;
      if (generated !== null && item.lineJudged && (generated ??= new GeneratedLines(text)).at(at)) continue;
      if (item.kind === 'marker') {
        if (notes && item.idx === 1) notes.kindKey = true;
        else if (notes) notes.allowMarker = true;
        busyUntil[item.idx] = text.length; // once is enough
        continue;
      }
      if (item.kind === 'rule' && item.rule.minLength) {
        // runRule's first test, made before counting the token: most `MD`/`sk-` hits sit inside words.
        if (item.rule.wordStart && !item.rule.scan && at > 0) {
          const p = text.charCodeAt(at - 1) | 32;
          if (p >= 97 && p <= 122) continue;
        }
        if (run < 0) {
          if (at < runFrom || at >= runEnd) {
            runFrom = at;
            runEnd = at + tokenRun(text, at, text.length);
          }
          run = runEnd - at;
        }
        if (run < item.rule.minLength) continue;
        if (item.rule.body && !bodyFits(item.rule.body, text, at)) continue;
      }
      const r = item.kind === 'generic' ? genericAt(ctx, at) : runRule(item.rule, text, at);
      if (r === null) continue;
      if (r.end > at) busyUntil[item.idx] = r.end;
      if (r.ruleId) out.push(r as RawMatch);
    }
    return true;
  });
  spareBusyUntil = busyUntil;
  if (notes) notes.allowMarker = complete ? notes.allowMarker === true : undefined;
  placeWeakDefaults(out, path, text);
  placeShapeMatches(out, path, text);
  placeFormatJudgements(out, text);
  placeExampleTokens(out, path, text);
  return resolveOverlaps(out);
}

const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.~-') TOKEN_CHAR[c.charCodeAt(0)] = 1;

/** Length of the run of token characters at `at`, up to `cap`. */
function tokenRun(text: string, at: number, cap: number): number {
  let i = at;
  const end = Math.min(text.length, at + cap);
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 128 || TOKEN_CHAR[c] === 0) break;
    i++;
  }
  return i - at;
}


function runRule(rule: PatternRule, text: string, at: number): Attempt | null {
  let start: number, end: number;
  let m: RegExpExecArray | null = null;
  let confidence = rule.confidence;
  let other: RuleVariant | undefined;
  if (rule.scan) {
    const r = rule.scan(text, at);
    if (!r) return null;
    ({ start, end, variant: other } = r);
    if (r.confidence !== undefined) confidence = r.confidence;
  } else {
    if (rule.wordStart && at > 0) {
      // Cheap form of the pattern's leading lookbehind: most anchor hits sit inside words.
      const p = text.charCodeAt(at - 1);
      if ((p >= 65 && p <= 90) || (p >= 97 && p <= 122)) return null;
      if (p >= 48 && p <= 57 && !rule.pattern.source.startsWith('(?<![A-Za-z])')) return null;
    }
    const re = rule.pattern;
    re.lastIndex = at;
    m = re.exec(text);
    if (!m || !m.indices) return null;
    const span = m.indices.groups?.v ?? m.indices[0];
    const pre = m.indices.groups?.p;
    start = pre ? pre[0] : span![0];
    end = span![1];
  }
  // A provider prefix inside a longer base64 run (an image or audio in a notebook output, a
  // `sha512-…` integrity hash in a lockfile) is chance, not a key.
  if (!rule.scan && (insideBase64Run(text, start) || base64RunContinues(text, end) || inBase64Block(text, start) || amidBase64(text, start, end) || inQuotedBase64Column(text, start))) return rejection(end);
  // A value running into mask characters (`xoxp-…-####`) is a redacted sample, not a key.
  // (Asked before the value is sliced: by character code, as most rule hits are rejected.)
  const next = text.charCodeAt(end);
  if (next === 35 || next === 42 || next === 0x2022 || next === 0x2026 || (next === 46 && text.startsWith('...', end))) return rejection(end);
  const value = text.slice(start, end);
  other ??= rule.variant && m ? rule.variant(value, m) : undefined;
  if (!other && !rule.keepPlaceholders && (isPlaceholder(value) || isIndirect(value) || isPatternSource(value))) return rejection(end);
  // A rule anchored on a provider's name (no distinctive prefix) reads the next word of the right
  // length: in code that is often an identifier made of words (`MistralAIPromptExecutionSettings`).
  if (rule.anchorsIgnoreCase && isIdentifierName(value)) return rejection(end);
  if (rule.validate && m) {
    const c = rule.validate(value, m);
    if (c === null) return rejection(end);
    confidence = c;
  }
  // One object shape for every match (envVar present, maybe undefined; findings copy it only
  // when set): no object spread in per match.
  return {
    ruleId: other?.id ?? rule.id,
    title: other?.title ?? rule.title,
    severity: other?.severity ?? rule.severity,
    hint: other?.hint ?? rule.hint,
    envVar: rule.envVar || undefined,
    start,
    end,
    confidence,
    priority: 1,
  };
}

/** What a rule examined and rejected: the engine skips its later hits up to `end`. */
function rejection(end: number): Attempt {
  return { ruleId: '', end };
}

const B64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64_CHAR[c.charCodeAt(0)] = 1;

/** Does the match at `start` begin an integrity hash (`sha512-…`) or follow `+` or `/` and sixteen or more base64 characters? */
function insideBase64Run(text: string, start: number): boolean {
  const p = text.charCodeAt(start - 1);
  if (p === 45 && /sha(?:1|256|384|512)-$/.test(text.slice(Math.max(0, start - 7), start))) return true; // integrity hash
  if (p !== 43 && p !== 47) return false;
  let k = start - 1;
  const stop = Math.max(0, start - 17);
  while (k > stop) {
    const c = text.charCodeAt(k - 1);
    if (c >= 128 || B64_CHAR[c] === 0) return false;
    k--;
  }
  return start - k >= 16;
}

/**
 * Does a base64 run go on after the match (`+` or `/` and sixteen or more base64 characters)? Then
 * the prefix was chance inside media or a signature (`AP…` in a cassette's recorded audio), as a
 * prefix after such a run is.
 */
function base64RunContinues(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  // base64url (`-`, `_`): a signature or a digest (`"sig":"AP7…-DA…"` in a ledger); `_` after the
  // match is already no boundary, `-` and sixteen more of its characters is the same run.
  const url = c === 45;
  if (c !== 43 && c !== 47 && !url) return false;
  let k = end + 1;
  const stop = Math.min(text.length, end + 17);
  while (k < stop) {
    const d = text.charCodeAt(k);
    if (url ? !isB64Url(d) : d >= 128 || B64_CHAR[d] === 0) return false;
    k++;
  }
  return k - end > 16;
}

/**
 * Is the offset on a line of a base64 block (a line of 60 or more base64 characters after the
 * line above, also one): media wrapped in a YAML body, where a prefix is chance. Wrapped base64
 * lines are short, so only the 1,024 characters before the offset are looked at.
 */
function inBase64Block(text: string, at: number): boolean {
  const from = lineStartWithin(text, at, 1024);
  if (from <= 0 || !base64Line(text, from, at)) return false;
  const prev = lineStartWithin(text, from - 1, 1024);
  return prev >= 0 && base64Line(text, prev, from - 1);
}

/**
 * Is the offset in a string literal that is one row of a column of them: its line holds only a
 * quoted run of 60 or more base64 characters (and a comma), and so does the line above. That is
 * encoded data wrapped into an array of literals (ANTLR's serialized ATN in a generated lexer, an
 * embedded resource), where a prefix is chance: a token does not end where a row is cut (held-out
 * set twenty-five). A single literal, or one under a name, is judged as before.
 */
function inQuotedBase64Column(text: string, at: number): boolean {
  const from = lineStartWithin(text, at, 1024);
  if (from <= 0 || !quotedBase64Row(text, from)) return false;
  const prev = lineStartWithin(text, from - 1, 1024);
  return prev >= 0 && quotedBase64Row(text, prev);
}

const QUOTED_BASE64_ROW = /[ \t]*(["'])[A-Za-z0-9+/]{60,}={0,2}\1,?[ \t]*\r?$/my;

/** Is the line from `from` a quoted base64 literal of 60 or more characters, alone (with a comma)? */
function quotedBase64Row(text: string, from: number): boolean {
  QUOTED_BASE64_ROW.lastIndex = from;
  return QUOTED_BASE64_ROW.test(text);
}

/** The start of the line holding `at`, or -1 when it is more than `max` characters back (or -1 at the text's start without a break). */
function lineStartWithin(text: string, at: number, max: number): number {
  const stop = Math.max(0, at - max);
  for (let k = at - 1; k >= stop; k--) if (text.charCodeAt(k) === 10) return k + 1;
  return stop === 0 ? 0 : -1;
}

/** Does the line from `from` hold only base64 up to `to` and at least 60 base64 characters? */
function base64Line(text: string, from: number, to: number): boolean {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const start = i;
  const end = Math.min(text.length, Math.max(to, start + 60));
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c >= 128 || (B64_CHAR[c] === 0 && c !== 61)) return false;
    i++;
  }
  return i - start >= 60;
}

/**
 * Sixteen base64 or base64url characters on both sides of the match, with a separator or digit
 * right before it: it sits in the middle of a blob (a 2 MB image on one line), not at a token's start.
 */
function amidBase64(text: string, start: number, end: number): boolean {
  if (start < 16 || end + 16 > text.length) return false;
  for (let k = start - 16; k < start; k++) if (!isB64Url(text.charCodeAt(k))) return false;
  for (let k = end; k < end + 16; k++) if (!isB64Url(text.charCodeAt(k))) return false;
  return true;
}

const isB64Url = (c: number) => c < 128 && (B64_CHAR[c] === 1 || c === 45 || c === 95);

/** Keeps one match per region: the higher priority, then the longer, then the earlier rule. */
function resolveOverlaps(ms: RawMatch[]): RawMatch[] {
  ms.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawMatch[] = [];
  for (const m of ms) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      // On the very same value, a rule that read its context and found it public by design (a
      // Firebase web config's key) knows more than the bare format (a Google API key).
      const sameSpan = m.start === last.start && m.end === last.end;
      const better = m.priority > last.priority || (m.priority === last.priority && (m.end - m.start > last.end - last.start || (sameSpan && m.severity === 'info' && last.severity !== 'info')));
      if (better) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept;
}

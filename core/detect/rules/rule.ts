import type { Severity } from '../types';

/**
 * A pattern rule: literal anchors for the prefilter, and a sticky regex run exactly at an anchor
 * hit (so no rule ever searches the text on its own). The regex's named group `v` is the secret
 * value; without it the whole match is.
 */
export interface PatternRule {
  id: string;
  /** Short name used in messages: "OpenAI API key". */
  title: string;
  severity: Severity;
  hint: string;
  envVar?: string;
  /** Literals the prefilter looks for; the regex is tried at each hit. */
  anchors: string[];
  /** Anchors matched case-insensitively. */
  anchorsIgnoreCase?: boolean;
  /** Compiled with the sticky and indices flags by `rule()`. */
  pattern: RegExp;
  /**
   * For formats a regex cannot judge alone (PEM blocks, `curl -u` words): called at each anchor
   * hit instead of the pattern; returns the value's range or null.
   */
  scan?: (text: string, at: number) => { start: number; end: number; confidence?: number; variant?: RuleVariant } | null;
  confidence: number;
  /**
   * Extra judgement on the value: a confidence (e.g. raised by a valid checksum), or null to
   * drop the match.
   */
  validate?: (value: string, match: RegExpExecArray) => number | null;
  /**
   * Shortest possible match when the whole match is made of token characters
   * (`[A-Za-z0-9_+/=.~-]`); lets the engine skip the regex where the token is too short.
   */
  minLength?: number;
  /** The match must not follow a letter or digit (the pattern starts with such a lookbehind). */
  wordStart?: boolean;
  /**
   * Reports a match as another rule (one regex, two judgements): the URL form of a weak default
   * password is `weak/default-credential`, not `secret/url-credentials`.
   */
  variant?: (value: string, match: RegExpExecArray) => RuleVariant | undefined;
  /** Skip the shared placeholder check (formats whose bodies are fixed, like PEM headers). */
  keepPlaceholders?: boolean;
  /**
   * Derived from the pattern when it starts with a literal and then a repeated character class
   * (`sk-[A-Za-z0-9]{48}`): the engine counts that class after the literal and skips the regex
   * when there are too few (`sk-sk-sk-…` costs a table lookup per hit, not a regex run).
   */
  body?: BodyCheck;
}

/** Another rule a match is reported as (see `variant`; a `scan` returns its own). */
export interface RuleVariant {
  id: string;
  title: string;
  hint: string;
  severity: Severity;
}

export interface BodyCheck {
  prefix: string;
  /** 1 for the ASCII characters of the class. */
  chars: Uint8Array;
  min: number;
}

export interface RuleSpec extends Omit<PatternRule, 'pattern' | 'severity' | 'confidence' | 'hint'> {
  pattern?: RegExp;
  severity?: Severity;
  confidence?: number;
  hint?: string;
}

const DEFAULT_HINT = 'Move the value to a secret store or environment variable, then rotate it: it has been exposed.';

/** Builds a rule; adds the sticky and indices flags so the engine can run it at a hit. */
export function rule(spec: RuleSpec): PatternRule {
  const source = spec.pattern ?? /(?!)/;
  const flags = new Set(source.flags.replace(/[gy]/g, ''));
  flags.add('y');
  flags.add('d');
  const body = spec.scan ? undefined : bodyCheck(source.source, source.flags.includes('i'));
  return {
    ...(body ? { body } : {}),
    minLength: estimateMinLength(source.source),
    wordStart: /^\(\?<!\[A-Za-z0-9/.test(source.source) || /^\(\?<!\[A-Za-z\]\)/.test(source.source),
    severity: 'error',
    confidence: 0.9,
    hint: spec.envVar ? `Read it from ${spec.envVar} (or a secret store) and rotate the exposed key.` : DEFAULT_HINT,
    ...spec,
    pattern: new RegExp(source.source, [...flags].join('')),
  };
}

/** A character that may continue a token; used to demand a boundary before/after a key. */
export const B = '(?<![A-Za-z0-9_./])'; // also not inside a file name or path
export const E = '(?![A-Za-z0-9_])';

/**
 * A lower bound of the match length for patterns that are one token: the literal prefix plus the
 * minimum counts of the quantified classes that follow it, up to the first alternation or group
 * the estimate cannot see through. 0 when unsure (then the regex always runs).
 */
function estimateMinLength(source: string): number {
  const body = source.replace(/^\(\?<![^)]*\)/, '').replace(/^\(\?<v>/, '');
  if (/^\(\?<=/.test(body) || hasAlternation(body, true)) return 0;
  let n = 0;
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[i + 1] ?? '';
      // Only escapes that stand for token characters count; \s, \S, \b and the like end the estimate.
      if (next === 'd' || next === 'w') n += quantMin(body, i + 2, 1);
      else if ('.-/+=~_'.includes(next)) n += quantMin(body, i + 2, 1);
      else return n;
      i += 2;
      while (body[i] === '{' || body[i] === '?' || body[i] === '*' || body[i] === '+') i = skipQuant(body, i);
      continue;
    }
    if (c === '[') {
      const close = body.indexOf(']', i + 1);
      if (close < 0) return 0;
      const cls = body.slice(i + 1, close);
      if (cls.startsWith('^') || /\\s|\\S| |'|"|`|:|@|\\x60/.test(cls)) return n;
      const q = quantMin(body, close + 1, 1);
      n += q;
      i = skipQuant(body, close + 1);
      continue;
    }
    if (/[A-Za-z0-9_-]/.test(c)) {
      if (body[i + 1] === '?' || body[i + 1] === '*') return n;
      n += 1;
      i++;
      continue;
    }
    return n;
  }
  return n;
}

function quantMin(s: string, i: number, dflt: number): number {
  const c = s[i];
  if (c === '{') {
    const m = /^\{(\d+)/.exec(s.slice(i));
    return m ? Number(m[1]) : dflt;
  }
  if (c === '?' || c === '*') return 0;
  return dflt;
}

function skipQuant(s: string, i: number): number {
  if (s[i] === '{') {
    const close = s.indexOf('}', i);
    return close < 0 ? i + 1 : close + 1;
  }
  if (s[i] === '?' || s[i] === '*' || s[i] === '+') return i + 1;
  return i;
}

/** Does the pattern source hold a `|` outside character classes (outside groups too, if topLevel)? */
function hasAlternation(s: string, topLevel = false): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && (!topLevel || depth <= 0)) return true;
  }
  return false;
}

/**
 * The literal a pattern starts with and the character class repeated right after it, with its
 * minimum count (at least 2), or undefined when the pattern does not start that way or the class
 * is not a plain list of characters and ranges.
 */
export function bodyCheck(source: string, ignoreCase: boolean): BodyCheck | undefined {
  const m = /^(?:\(\?<![^()]*\))?\(\?<v>((?:[A-Za-z0-9_-]|\\[-./_])+)\[((?:[A-Za-z0-9_]-[A-Za-z0-9_]|[A-Za-z0-9_]|\\[-./+=_])+)\]\{(\d+)[,}]/.exec(source);
  // An alternation anywhere (outside classes) could offer another way to match: no shortcut then.
  if (!m || ignoreCase || hasAlternation(source)) return undefined;
  const prefix = m[1]!.replace(/\\(.)/g, '$1');
  const min = Number(m[3]);
  if (min < 2) return undefined;
  const chars = new Uint8Array(128);
  const cls = m[2]!;
  for (let i = 0; i < cls.length; i++) {
    if (cls[i] === '\\') {
      chars[cls.charCodeAt(++i)] = 1;
    } else if (cls[i + 1] === '-' && i + 2 < cls.length) {
      for (let c = cls.charCodeAt(i); c <= cls.charCodeAt(i + 2); c++) chars[c] = 1;
      i += 2;
    } else chars[cls.charCodeAt(i)] = 1;
  }
  return { prefix, chars, min };
}

/** Does the text at `at` hold the body check's prefix followed by at least `min` class characters? */
export function bodyFits(b: BodyCheck, text: string, at: number): boolean {
  const p = b.prefix;
  // A character loop: String.prototype.startsWith with an offset is a builtin call, several
  // times slower on prefixes this short, and this runs at every anchor hit.
  for (let k = 0; k < p.length; k++) if (text.charCodeAt(at + k) !== p.charCodeAt(k)) return false;
  const from = at + p.length;
  const end = from + b.min;
  if (end > text.length) return false;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || b.chars[c] === 0) return false;
  }
  return true;
}


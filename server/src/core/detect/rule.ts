import type { Severity } from './types';

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
  scan?: (text: string, at: number) => { start: number; end: number; confidence?: number } | null;
  confidence: number;
  /**
   * Extra judgement on the value: a confidence (e.g. raised by a valid checksum), or null to
   * drop the match.
   */
  validate?: (value: string, match: RegExpExecArray) => number | null;
  /** Skip the shared placeholder check (formats whose bodies are fixed, like PEM headers). */
  keepPlaceholders?: boolean;
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
  return {
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

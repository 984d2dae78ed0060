import type { PatternRule } from './rule';

/**
 * A text the rule must find. The value is generated at test time (test/helpers/fake-keys.ts
 * `fromPattern`), never written here: keys are not committed, so a sample is a shape.
 */
export interface TrueSample {
  /** The text around the value, `{value}` where it goes; default: the value alone on a line. */
  in?: string;
  /**
   * Regular-expression source the value is generated from; default: the rule's own pattern (its
   * whole match, so a keyword or prefix the pattern demands is part of the sample).
   */
  shape?: string;
  /** The file the text is scanned as; default `config.txt`. */
  path?: string;
}

/**
 * A text the rule must not find: a near miss written out (a placeholder, an identifier, a wrong
 * length). `belowDefault`: the rule may match it but must judge it below the default confidence
 * (a token assembled from documentation keeps its span, so no weaker detector reports it instead).
 */
export type FalseSample = string | { text: string; path: string; belowDefault?: boolean };

export interface RuleSamples {
  true: TrueSample[];
  false: FalseSample[];
}

/**
 * One rule and its samples (gitleaks' model): a rule cannot drift from its examples. Each rule file
 * exports the rule and `samples` beside it; rules/modules.ts pairs them for the tests.
 */
export interface RuleModule {
  rule: PatternRule;
  samples: RuleSamples;
}

/** A value generated from the rule's own pattern, alone on a line. */
export const OWN_PATTERN: TrueSample = {};

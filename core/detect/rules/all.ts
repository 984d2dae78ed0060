import type { PatternRule } from './rule';
import type { RuleModule } from './samples';
import { cloudRules } from './cloud/index';
import { contextRules } from './context';
import { devPlatformRules } from './dev-platforms/index';
import { llmRules } from './llm/index';
import { publicByDesignRules } from './public-by-design/index';
import { saasRules } from './saas/index';
import { structuralRules } from './structural/index';

/**
 * The one list that registers the rules: every pattern rule with its samples, one module per
 * file under rules/<family>/ (the context rules come from the provider table). The order is the
 * engine's and the order their ids are listed in docs/detection.md.
 */
export const RULE_MODULES: readonly RuleModule[] = [...llmRules, ...cloudRules, ...devPlatformRules, ...saasRules, ...structuralRules, ...contextRules, ...publicByDesignRules];

/** Every pattern rule, in the order of RULE_MODULES. */
export const ALL_RULES: PatternRule[] = RULE_MODULES.map((m) => m.rule);

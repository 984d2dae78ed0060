import type { PatternRule } from './rule';
import { cloudRules } from './cloud/index';
import { contextRules } from './context';
import { devPlatformRules } from './dev-platforms/index';
import { llmRules } from './llm/index';
import { publicByDesignRules } from './public-by-design/index';
import { saasRules } from './saas/index';
import { structuralRules } from './structural/index';

/**
 * The one list that registers the pattern rules, one module per file under rules/<family>/ (the
 * context rules come from the provider table). The order is the engine's and the order their ids
 * are listed in docs/detection.md. Their samples are registered beside them in rules/modules.ts.
 */
export const ALL_RULES: PatternRule[] = [...llmRules, ...cloudRules, ...devPlatformRules, ...saasRules, ...structuralRules, ...contextRules, ...publicByDesignRules];

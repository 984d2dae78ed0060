import type { PatternRule } from './rule';
import { cloudRules } from './cloud';
import { contextRules } from './context';
import { devPlatformRules } from './dev-platforms';
import { llmRules } from './llm';
import { publicByDesignRules } from './public-by-design';
import { saasRules } from './saas';
import { structuralRules } from './structural';

/** Every pattern rule, in the order their ids are listed in docs/detection.md. */
export const ALL_RULES: PatternRule[] = [...llmRules, ...cloudRules, ...devPlatformRules, ...saasRules, ...structuralRules, ...contextRules, ...publicByDesignRules];

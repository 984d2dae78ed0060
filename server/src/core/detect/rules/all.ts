import type { PatternRule } from '../rule';
import { llmRules } from './llm';

/** Every pattern rule, in the order their ids are listed in docs/detection.md. */
export const ALL_RULES: PatternRule[] = [...llmRules];

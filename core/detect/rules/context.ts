import { minEntropy } from '../judge/entropy';
import { caseless } from '../input/prefilter';
import { envVarOf, PROVIDERS, type Provider } from './providers';
import { rule, type PatternRule } from './rule';
import { OWN_PATTERN, type RuleSamples } from './samples';

/**
 * Keys without a distinctive prefix, recognised by the provider's name shortly before the value
 * (`SUMO_ACCESS_ID = "su…"`, `--softlayer-api-key …`). The name is the anchor; the value must
 * still have the provider's exact shape.
 */
const ASSIGN = `[\\w.-]{0,40}?(?:["'\\]]{0,2})[ \\t]{0,4}(?:=|:=|::=|:|=>|,|[ \\t])[ \\t]{0,4}[\`'"]?[ \\t]{0,2}`;

function kw(p: ContextProvider): PatternRule {
  const envVar = envVarOf(p);
  return rule({
    id: p.id,
    title: p.title,
    ...(envVar ? { envVar } : {}),
    anchors: [...p.keywords],
    anchorsIgnoreCase: true,
    // The name is matched without regard to case, the value with its exact shape; the name must start a word.
    pattern: new RegExp(`(?<![A-Za-z])(?:${p.keywords.map(caseless).join('|')})${ASSIGN}(?<v>${p.key})(?![A-Za-z0-9_\\-+/=])`),
    validate: minEntropy(p.minEntropy ?? 3, 0.85),
  });
}

/**
 * A context rule's samples come from its row like the rule: the keyword, then a value of the
 * key's shape, must be found; the keyword inside a word, or before a placeholder, must not.
 */
export function contextSamples(p: ContextProvider): RuleSamples {
  const k = p.keywords[0]!;
  return {
    true: [OWN_PATTERN],
    false: [`${k}_enabled = true`, `${k} = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`, `un${k} = "Zq7Lm2Pw"`],
  };
}

export type ContextProvider = Provider & { key: string; keywords: readonly string[] };

/** The rows with keywords and a key shape, in the order of `contextRules`. */
export const CONTEXT_PROVIDERS = PROVIDERS.filter((p): p is ContextProvider => !!p.key && !!p.keywords);

/** One rule per provider of the table (providers.ts) that has keywords. */
export const contextRules: PatternRule[] = CONTEXT_PROVIDERS.map(kw);

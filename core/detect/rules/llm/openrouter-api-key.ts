import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const openrouterApiKey = rule({
  id: 'secret/openrouter-api-key',
  title: 'OpenRouter API key',
  envVar: 'OPENROUTER_API_KEY',
  anchors: ['sk-or-v1-'],
  pattern: new RegExp(`${B}(?<v>sk-or-v1-[a-f0-9]{64})${E}`),
  confidence: 0.98,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-or-v1-')) {", 'sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-or-v1-Zq7Lm2Pw'],
};

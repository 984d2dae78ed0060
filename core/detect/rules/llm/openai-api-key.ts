import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const openaiApiKey = rule({
  id: 'secret/openai-api-key',
  title: 'OpenAI API key',
  envVar: 'OPENAI_API_KEY',
  anchors: ['sk-'],
  pattern: new RegExp(`${B}(?<v>sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${E}`),
  confidence: 0.99,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-')) {", 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const openaiLegacyKey = rule({
  id: 'secret/openai-api-key',
  title: 'OpenAI API key (legacy format)',
  envVar: 'OPENAI_API_KEY',
  anchors: ['sk-'],
  pattern: new RegExp(`${B}(?<v>sk-[A-Za-z0-9]{48})${E}`),
  confidence: 0.7,
  validate: minEntropy(4.2),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-')) {", 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const deepseekApiKey = rule({
  id: 'secret/deepseek-api-key',
  title: 'DeepSeek API key',
  envVar: 'DEEPSEEK_API_KEY',
  anchors: ['sk-'],
  pattern: new RegExp(`${B}(?<v>sk-[a-f0-9]{32})${E}`),
  confidence: 0.7,
  validate: minEntropy(3.2),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-')) {", 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-Zq7Lm2Pw'],
};

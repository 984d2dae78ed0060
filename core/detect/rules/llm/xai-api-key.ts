import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const xaiApiKey = rule({
  id: 'secret/xai-api-key',
  title: 'xAI API key',
  envVar: 'XAI_API_KEY',
  anchors: ['xai-'],
  pattern: new RegExp(`${B}(?<v>xai-[A-Za-z0-9]{80})${E}`),
  validate: minEntropy(4),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('xai-')) {", 'xai-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xai-Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const perplexityApiKey = rule({
  id: 'secret/perplexity-api-key',
  title: 'Perplexity API key',
  envVar: 'PERPLEXITY_API_KEY',
  anchors: ['pplx-'],
  pattern: new RegExp(`${B}(?<v>pplx-[A-Za-z0-9]{48})${E}`),
  validate: minEntropy(3.8),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('pplx-')) {", 'pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'pplx-Zq7Lm2Pw'],
};

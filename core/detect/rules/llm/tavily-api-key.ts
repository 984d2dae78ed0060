import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const tavilyApiKey = rule({
  id: 'secret/tavily-api-key',
  title: 'Tavily API key',
  envVar: 'TAVILY_API_KEY',
  anchors: ['tvly-'],
  pattern: new RegExp(`${B}(?<v>tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})${E}`),
  validate: minEntropy(3.8),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('tvly-')) {", 'tvly-xxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'tvly-Zq7Lm2Pw'],
};

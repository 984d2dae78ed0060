import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const linearApiKey = rule({
  id: 'secret/linear-api-key',
  title: 'Linear API key',
  envVar: 'LINEAR_API_KEY',
  anchors: ['lin_api_'],
  pattern: new RegExp(`${B}(?<v>lin_api_[A-Za-z0-9]{40})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('lin_api_')) {", 'lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'lin_api_Zq7Lm2Pw'],
};

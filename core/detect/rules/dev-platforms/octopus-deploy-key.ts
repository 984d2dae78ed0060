import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const octopusDeployKey = rule({
  id: 'secret/octopus-deploy-key',
  title: 'Octopus Deploy API key',
  anchors: ['API-'],
  pattern: new RegExp(`${B}(?<v>API-[A-Z0-9]{26})${E}`),
  validate: (v) => (/\d/.test(v) && minEntropy(3.5)(v) ? 0.85 : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('API-')) {", 'API-xxxxxxxxxxxxxxxxxxxxxxxxxx', 'API-Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const replicateApiToken = rule({
  id: 'secret/replicate-api-token',
  title: 'Replicate API token',
  envVar: 'REPLICATE_API_TOKEN',
  anchors: ['r8_'],
  pattern: new RegExp(`${B}(?<v>r8_[A-Za-z0-9]{37})${E}`),
  validate: minEntropy(3.8),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('r8_')) {", 'r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'r8_Zq7Lm2Pw'],
};

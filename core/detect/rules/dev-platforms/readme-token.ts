import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const readmeToken = rule({
  id: 'secret/readme-token',
  title: 'ReadMe API token',
  anchors: ['rdme_'],
  pattern: new RegExp(`${B}(?<v>rdme_[a-z0-9]{70})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('rdme_')) {", 'rdme_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'rdme_Zq7Lm2Pw'],
};

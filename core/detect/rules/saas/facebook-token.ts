import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const facebookToken = rule({
  id: 'secret/facebook-token',
  title: 'Facebook access token',
  envVar: 'FACEBOOK_ACCESS_TOKEN',
  anchors: ['EAA'],
  pattern: new RegExp(`${B}(?<v>EAA[A-Za-z0-9]{100,400})${E}`),
  validate: minEntropy(4),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('EAA')) {", 'EAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'EAAZq7Lm2Pw'],
};

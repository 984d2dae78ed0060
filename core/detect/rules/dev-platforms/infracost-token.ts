import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const infracostToken = rule({
  id: 'secret/infracost-token',
  title: 'Infracost API token',
  anchors: ['ico-'],
  pattern: new RegExp(`${B}(?<v>ico-[A-Za-z0-9]{32})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('ico-')) {", 'ico-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ico-Zq7Lm2Pw'],
};

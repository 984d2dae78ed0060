import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const easypostToken = rule({
  id: 'secret/easypost-token',
  title: 'EasyPost API token',
  anchors: ['EZAK', 'EZTK'],
  pattern: new RegExp(`${B}(?<v>EZ[AT]K[A-Za-z0-9]{54})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('EZTK')) {", 'EZTKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'EZTKZq7Lm2Pw'],
};

import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const digitaloceanToken = rule({
  id: 'secret/digitalocean-token',
  title: 'DigitalOcean token',
  envVar: 'DIGITALOCEAN_TOKEN',
  anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
  pattern: new RegExp(`${B}(?<v>do[opr]_v1_[a-f0-9]{64})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('dor_v1_')) {", 'dor_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'dor_v1_Zq7Lm2Pw'],
};

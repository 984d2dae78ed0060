import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const prefectToken = rule({
  id: 'secret/prefect-token',
  title: 'Prefect API token',
  anchors: ['pnu_'],
  pattern: new RegExp(`${B}(?<v>pnu_[A-Za-z0-9]{36})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('pnu_')) {", 'pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'pnu_Zq7Lm2Pw'],
};

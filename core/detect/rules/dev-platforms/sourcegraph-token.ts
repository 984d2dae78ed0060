import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const sourcegraphToken = rule({
  id: 'secret/sourcegraph-token',
  title: 'Sourcegraph access token',
  anchors: ['sgp_'],
  pattern: new RegExp(`${B}(?<v>sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sgp_')) {", 'sgp_xxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sgp_Zq7Lm2Pw'],
};

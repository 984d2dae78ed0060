import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const intra42ClientSecret = rule({
  id: 'secret/intra42-client-secret',
  title: '42 Intra client secret',
  anchors: ['s-s4t2'],
  pattern: new RegExp(`${B}(?<v>s-s4t2(?:ud|af)-[a-f0-9]{64})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('s-s4t2')) {", 's-s4t2xx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 's-s4t2Zq7Lm2Pw'],
};

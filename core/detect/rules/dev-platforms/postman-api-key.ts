import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const postmanApiKey = rule({
  id: 'secret/postman-api-key',
  title: 'Postman API key',
  anchors: ['PMAK-'],
  pattern: new RegExp(`${B}(?<v>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('PMAK-')) {", 'PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'PMAK-Zq7Lm2Pw'],
};

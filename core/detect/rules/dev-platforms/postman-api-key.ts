import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const postmanApiKey: RuleModule = {
  rule: rule({
    id: 'secret/postman-api-key',
    title: 'Postman API key',
    anchors: ['PMAK-'],
    pattern: new RegExp(`${B}(?<v>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${E}`),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('PMAK-')) {", 'PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'PMAK-Zq7Lm2Pw'],
  },
};

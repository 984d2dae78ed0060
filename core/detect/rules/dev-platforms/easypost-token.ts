import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const easypostToken: RuleModule = {
  rule: rule({
    id: 'secret/easypost-token',
    title: 'EasyPost API token',
    anchors: ['EZAK', 'EZTK'],
    pattern: new RegExp(`${B}(?<v>EZ[AT]K[A-Za-z0-9]{54})${E}`),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('EZTK')) {", 'EZTKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'EZTKZq7Lm2Pw'],
  },
};

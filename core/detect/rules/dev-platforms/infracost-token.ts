import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const infracostToken: RuleModule = {
  rule: rule({
    id: 'secret/infracost-token',
    title: 'Infracost API token',
    anchors: ['ico-'],
    pattern: new RegExp(`${B}(?<v>ico-[A-Za-z0-9]{32})${E}`),
    validate: minEntropy(3.5),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('ico-')) {", 'ico-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ico-Zq7Lm2Pw'],
  },
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const alibabaAccessKeyId: RuleModule = {
  rule: rule({
    id: 'secret/alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey id',
    anchors: ['LTAI'],
    pattern: new RegExp(`${B}(?<v>LTAI[A-Za-z0-9]{20})${E}`),
    validate: minEntropy(3.5),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('LTAI')) {", 'LTAIxxxxxxxxxxxxxxxxxxxx', 'LTAIZq7Lm2Pw'],
  },
};

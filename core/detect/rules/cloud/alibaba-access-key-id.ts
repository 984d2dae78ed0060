import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const alibabaAccessKeyId = rule({
  id: 'secret/alibaba-access-key-id',
  title: 'Alibaba Cloud AccessKey id',
  anchors: ['LTAI'],
  pattern: new RegExp(`${B}(?<v>LTAI[A-Za-z0-9]{20})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('LTAI')) {", 'LTAIxxxxxxxxxxxxxxxxxxxx', 'LTAIZq7Lm2Pw'],
};

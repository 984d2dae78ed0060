import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const huggingfaceOrgToken = rule({
  id: 'secret/huggingface-token',
  title: 'Hugging Face organization token',
  envVar: 'HF_TOKEN',
  anchors: ['api_org_'],
  pattern: new RegExp(`${B}(?<v>api_org_[A-Za-z]{34})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('api_org_')) {", 'api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'api_org_Zq7Lm2Pw'],
};

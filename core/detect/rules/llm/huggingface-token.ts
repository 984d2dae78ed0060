import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const huggingfaceToken = rule({
  id: 'secret/huggingface-token',
  title: 'Hugging Face access token',
  envVar: 'HF_TOKEN',
  anchors: ['hf_'],
  pattern: new RegExp(`${B}(?<v>hf_[A-Za-z]{34})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('hf_')) {", 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_Zq7Lm2Pw'],
};

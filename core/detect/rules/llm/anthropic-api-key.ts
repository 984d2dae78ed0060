import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const anthropicApiKey = rule({
  id: 'secret/anthropic-api-key',
  title: 'Anthropic API key',
  envVar: 'ANTHROPIC_API_KEY',
  anchors: ['sk-ant-api'],
  // Anthropic keys end in "AA"; without it the string is not one.
  pattern: new RegExp(`${B}(?<v>sk-ant-api\\d{2}-[A-Za-z0-9_-]{80,120}AA)${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-ant-api')) {", 'sk-ant-apixx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-ant-apiZq7Lm2Pw'],
};

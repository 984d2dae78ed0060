import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const anthropicAdminKey = rule({
  id: 'secret/anthropic-admin-key',
  title: 'Anthropic admin key',
  envVar: 'ANTHROPIC_ADMIN_KEY',
  anchors: ['sk-ant-admin'],
  pattern: new RegExp(`${B}(?<v>sk-ant-admin\\d{2}-[A-Za-z0-9_-]{80,120}AA)${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-ant-admin')) {", 'sk-ant-adminxx-xxxxxxxxxxxxxx_xxxxxxx_xxxxxxxxxxxxxxxxxxxxxxx--xxxxxxxxx', 'sk-ant-adminZq7Lm2Pw'],
};

import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const anthropicOauthToken = rule({
  id: 'secret/anthropic-api-key',
  title: 'Anthropic OAuth or session token',
  envVar: 'ANTHROPIC_API_KEY',
  anchors: ['sk-ant-oat', 'sk-ant-ort', 'sk-ant-sid'],
  pattern: new RegExp(`${B}(?<v>sk-ant-(?:oat|ort|sid)\\d{2}-[A-Za-z0-9_-]{80,200})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-ant-ort')) {", 'sk-ant-ortxx-xxxxxxxxxxxxxxxxx-xxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-ant-ortZq7Lm2Pw'],
};

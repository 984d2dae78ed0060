import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const langsmithApiKey = rule({
  id: 'secret/langsmith-api-key',
  title: 'LangSmith API key',
  envVar: 'LANGSMITH_API_KEY',
  anchors: ['lsv2_pt_', 'lsv2_sk_'],
  pattern: new RegExp(`${B}(?<v>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})${E}`),
  confidence: 0.98,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('lsv2_sk_')) {", 'lsv2_sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxx', 'lsv2_sk_Zq7Lm2Pw'],
};

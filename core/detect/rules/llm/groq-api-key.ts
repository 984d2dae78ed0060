import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const groqApiKey = rule({
  id: 'secret/groq-api-key',
  title: 'Groq API key',
  envVar: 'GROQ_API_KEY',
  anchors: ['gsk_'],
  pattern: new RegExp(`${B}(?<v>gsk_[A-Za-z0-9]{52})${E}`),
  validate: minEntropy(3.8),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('gsk_')) {", 'gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'gsk_Zq7Lm2Pw'],
};

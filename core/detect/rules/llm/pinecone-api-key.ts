import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const pineconeApiKey = rule({
  id: 'secret/pinecone-api-key',
  title: 'Pinecone API key',
  envVar: 'PINECONE_API_KEY',
  anchors: ['pcsk_'],
  pattern: new RegExp(`${B}(?<v>pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{50,90})${E}`),
  validate: minEntropy(3.8),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('pcsk_')) {", 'pcsk_xxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'pcsk_Zq7Lm2Pw'],
};

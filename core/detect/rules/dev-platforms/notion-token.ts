import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const notionToken = rule({
  id: 'secret/notion-token',
  title: 'Notion integration token',
  envVar: 'NOTION_TOKEN',
  anchors: ['ntn_', 'secret_'],
  pattern: new RegExp(`${B}(?<v>ntn_\\d{11}[A-Za-z0-9]{32}[A-Za-z0-9]{3}|secret_[A-Za-z0-9]{43})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('ntn_')) {", 'ntn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ntn_Zq7Lm2Pw'],
};

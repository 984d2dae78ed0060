import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const scalingoToken = rule({
  id: 'secret/scalingo-token',
  title: 'Scalingo API token',
  anchors: ['tk-us-'],
  pattern: new RegExp(`${B}(?<v>tk-us-[A-Za-z0-9_-]{48})(?![A-Za-z0-9_-])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('tk-us-')) {", 'tk-us-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxx', 'tk-us-Zq7Lm2Pw'],
};

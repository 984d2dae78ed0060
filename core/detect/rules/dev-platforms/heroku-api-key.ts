import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const herokuApiKey = rule({
  id: 'secret/heroku-api-key',
  title: 'Heroku API key',
  envVar: 'HEROKU_API_KEY',
  anchors: ['HRKU-'],
  pattern: new RegExp(`${B}(?<v>HRKU-AA[A-Za-z0-9_-]{58})(?![A-Za-z0-9_-])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('HRKU-')) {", 'HRKU-xxxxxxxxxxxxxxxxxxxxxxxxxxxx-_xxxxxxxxxxxxxx_xxxxxxxxxxxxxxx', 'HRKU-Zq7Lm2Pw'],
};

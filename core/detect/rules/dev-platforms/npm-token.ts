import { checksummed } from '../checksum';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const npmToken = rule({
  id: 'secret/npm-token',
  title: 'npm access token',
  envVar: 'NPM_TOKEN',
  anchors: ['npm_'],
  pattern: new RegExp(`${B}(?<v>npm_[A-Za-z0-9]{36})${E}`),
  validate: checksummed(4),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('npm_')) {", 'npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'npm_Zq7Lm2Pw'],
};

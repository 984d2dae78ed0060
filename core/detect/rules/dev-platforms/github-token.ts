import { checksummed } from '../checksum';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const githubToken = rule({
  id: 'secret/github-token',
  title: 'GitHub token',
  envVar: 'GITHUB_TOKEN',
  anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  pattern: new RegExp(`${B}(?<v>gh[pousr]_[A-Za-z0-9]{36})${E}`),
  validate: checksummed(4),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('ghp_')) {", 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_Zq7Lm2Pw'],
};

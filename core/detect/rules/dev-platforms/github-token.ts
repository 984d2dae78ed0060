import { checksummed } from '../checksum';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const githubToken: RuleModule = {
  rule: rule({
    id: 'secret/github-token',
    title: 'GitHub token',
    envVar: 'GITHUB_TOKEN',
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: new RegExp(`${B}(?<v>gh[pousr]_[A-Za-z0-9]{36})${E}`),
    validate: checksummed(4),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('ghp_')) {", 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_Zq7Lm2Pw'],
  },
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const githubFineGrainedPat: RuleModule = {
  rule: rule({
    id: 'secret/github-token',
    title: 'GitHub fine-grained personal access token',
    envVar: 'GITHUB_TOKEN',
    anchors: ['github_pat_'],
    pattern: new RegExp(`${B}(?<v>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`),
    validate: minEntropy(3.5, 0.95),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('github_pat_')) {", 'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'github_pat_Zq7Lm2Pw'],
  },
};

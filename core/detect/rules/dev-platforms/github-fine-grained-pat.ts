import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const githubFineGrainedPat = rule({
  id: 'secret/github-token',
  title: 'GitHub fine-grained personal access token',
  envVar: 'GITHUB_TOKEN',
  anchors: ['github_pat_'],
  pattern: new RegExp(`${B}(?<v>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`),
  validate: minEntropy(3.5, 0.95),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('github_pat_')) {", 'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'github_pat_Zq7Lm2Pw'],
};

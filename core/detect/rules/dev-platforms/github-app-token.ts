import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const githubAppToken = rule({
  id: 'secret/github-token',
  title: 'GitHub App installation token',
  envVar: 'GITHUB_TOKEN',
  anchors: ['ghs_'],
  pattern: new RegExp(`${B}(?<v>ghs_\\d{1,12}_eyJ[A-Za-z0-9_-]{10,1000}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{10,1000})`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('ghs_')) {", 'ghs_xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghs_Zq7Lm2Pw'],
};

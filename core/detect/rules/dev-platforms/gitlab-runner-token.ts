import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const gitlabRunnerToken = rule({
  id: 'secret/gitlab-token',
  title: 'GitLab runner registration token',
  envVar: 'GITLAB_RUNNER_TOKEN',
  anchors: ['GR1348941'],
  pattern: new RegExp(`${B}(?<v>GR1348941[A-Za-z0-9_-]{20})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('GR1348941')) {", 'GR1348941xxxxxxxxxxxxxxxxxxxx', 'GR1348941Zq7Lm2Pw'],
};

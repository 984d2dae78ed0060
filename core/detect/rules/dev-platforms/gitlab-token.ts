import { minEntropy } from '../../judge/entropy';
import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const gitlabToken = rule({
  id: 'secret/gitlab-token',
  title: 'GitLab token',
  envVar: 'GITLAB_TOKEN',
  anchors: ['glpat-', 'gldt-', 'glptt-', 'glrt-', 'glsoat-', 'glcbt-', 'gloas-', 'glffct-', 'glft-', 'glimt-', 'glagent-', 'glrtr-'],
  // Each GitLab token type has its own body length (routable tokens add a ".xx" + 7 character suffix).
  pattern: new RegExp(
    `${B}(?<v>gl(?:pat|dt|ft|soat|rtr?|ffct)-[A-Za-z0-9_-]{20,50}(?:\\.[0-9a-z]{2}[0-9a-z]{7})?|glptt-[A-Za-z0-9_-]{40}|glcbt-(?:[0-9a-fA-F]{1,5}_)?[A-Za-z0-9_-]{20}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50,1024}|gloas-[A-Za-z0-9_-]{64})(?![A-Za-z0-9_-])`,
  ),
  validate: minEntropy(3, 0.9),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('glimt-')) {", 'glimt-xxxxxxxxxxxxxxxxxxxxxxxxx', 'glimt-Zq7Lm2Pw'],
};

import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const dockerHubToken = rule({
  id: 'secret/docker-hub-token',
  title: 'Docker Hub access token',
  envVar: 'DOCKER_TOKEN',
  anchors: ['dckr_pat_', 'dckr_oat_'],
  pattern: new RegExp(`${B}(?<v>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('dckr_oat_')) {", 'dckr_oat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'dckr_oat_Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const artifactoryToken = rule({
  id: 'secret/artifactory-token',
  title: 'JFrog Artifactory token',
  envVar: 'ARTIFACTORY_TOKEN',
  anchors: ['AKCp', 'cmVmdGtu'],
  pattern: new RegExp(`${B}(?<v>AKCp[A-Za-z0-9]{69}|AKCp[A-Za-z0-9]{10,}|cmVmdGtu[A-Za-z0-9]{56})${E}`),
  validate: minEntropy(3),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('AKCp')) {", 'AKCpxxxxxxxxxxxxxx', 'AKCpZq7Lm2Pw'],
};

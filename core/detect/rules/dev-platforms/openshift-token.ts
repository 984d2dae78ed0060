import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const openshiftToken = rule({
  id: 'secret/openshift-token',
  title: 'OpenShift user token',
  anchors: ['sha256~'],
  pattern: new RegExp(`${B}(?<v>sha256~[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sha256~')) {", 'sha256~xxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sha256~Zq7Lm2Pw'],
};

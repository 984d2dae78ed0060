import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const artifactoryApiKey = rule({
  id: 'secret/artifactory-token',
  title: 'JFrog Artifactory API key',
  envVar: 'ARTIFACTORY_TOKEN',
  // The third character is part of the anchor, so `API_KEY` and `APP` never reach the regex.
  anchors: [...'0123456789ABCDEF'].map((c) => `AP${c}`),
  pattern: new RegExp(`${B}(?<v>AP[0-9ABCDEF][A-Za-z0-9]{8,})${E}`),
  confidence: 0.7,
  validate: (v) => (v.length >= 10 && /[0-9]/.test(v.slice(3)) && /[a-z]/.test(v) ? 0.7 : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('AP4')) {", 'AP4xxxxxxxxxxxx'],
};

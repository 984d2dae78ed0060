import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const figmaToken = rule({
  id: 'secret/figma-token',
  title: 'Figma access token',
  envVar: 'FIGMA_TOKEN',
  anchors: ['figd_'],
  pattern: new RegExp(`${B}(?<v>figd_[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('figd_')) {", 'figd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxx', 'figd_Zq7Lm2Pw'],
};

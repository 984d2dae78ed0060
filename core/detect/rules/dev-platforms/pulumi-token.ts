import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const pulumiToken = rule({
  id: 'secret/pulumi-token',
  title: 'Pulumi access token',
  envVar: 'PULUMI_ACCESS_TOKEN',
  anchors: ['pul-'],
  pattern: new RegExp(`${B}(?<v>pul-[a-f0-9]{40})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('pul-')) {", 'pul-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'pul-Zq7Lm2Pw'],
};

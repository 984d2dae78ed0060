import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const tailscaleKey = rule({
  id: 'secret/tailscale-key',
  title: 'Tailscale key',
  envVar: 'TS_AUTHKEY',
  anchors: ['tskey-'],
  pattern: new RegExp(`${B}(?<v>tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,64})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('tskey-')) {", 'tskey-xxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'tskey-Zq7Lm2Pw'],
};

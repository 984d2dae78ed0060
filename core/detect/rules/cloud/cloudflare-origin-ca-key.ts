import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const cloudflareOriginCaKey = rule({
  id: 'secret/cloudflare-origin-ca-key',
  title: 'Cloudflare Origin CA key',
  anchors: ['v1.0-'],
  pattern: new RegExp(`${B}(?<v>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('v1.0-')) {", 'v1.0-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'v1.0-Zq7Lm2Pw'],
};

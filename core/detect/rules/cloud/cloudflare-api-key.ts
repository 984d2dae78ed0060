import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const cloudflareApiKey = rule({
  id: 'secret/cloudflare-api-key',
  title: 'Cloudflare API token',
  envVar: 'CLOUDFLARE_API_TOKEN',
  anchors: ['cfat_', 'cfut_', 'cfk_'],
  pattern: new RegExp(`${B}(?<v>cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8})${E}`), // 40 random + 8 hex checksum
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('cfat_')) {", 'cfat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'cfat_Zq7Lm2Pw'],
};

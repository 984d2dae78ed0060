import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const shopifyAdminToken = rule({
  id: 'secret/shopify-token',
  title: 'Shopify token',
  anchors: ['shpat_'],
  pattern: new RegExp(`${B}(?<v>shpat_[a-fA-F0-9]{32})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('shpat_')) {", 'shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'shpat_Zq7Lm2Pw'],
};

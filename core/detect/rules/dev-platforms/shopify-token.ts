import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const shopifyToken = rule({
  id: 'secret/shopify-token',
  title: 'Shopify token',
  envVar: 'SHOPIFY_ACCESS_TOKEN',
  anchors: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
  pattern: new RegExp(`${B}(?<v>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|shpss_[A-Za-z0-9]{32,64})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('shpss_')) {", 'shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'shpss_Zq7Lm2Pw'],
};

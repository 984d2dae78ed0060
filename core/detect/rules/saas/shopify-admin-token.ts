import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const shopifyAdminToken: RuleModule = {
  rule: rule({
    id: 'secret/shopify-token',
    title: 'Shopify token',
    anchors: ['shpat_'],
    pattern: new RegExp(`${B}(?<v>shpat_[a-fA-F0-9]{32})${E}`),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('shpat_')) {", 'shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'shpat_Zq7Lm2Pw'],
  },
};

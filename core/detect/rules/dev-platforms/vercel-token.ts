import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const vercelToken = rule({
  id: 'secret/vercel-token',
  title: 'Vercel token',
  envVar: 'VERCEL_TOKEN',
  anchors: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
  pattern: new RegExp(`${B}(?<v>vc[pikar]_[A-Za-z0-9]{24,64})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('vck_')) {", 'vck_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'vck_Zq7Lm2Pw'],
};

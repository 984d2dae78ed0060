import { minEntropy } from '../../judge/entropy';
import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const hashicorpVaultToken = rule({
  id: 'secret/hashicorp-vault-token',
  title: 'HashiCorp Vault token',
  envVar: 'VAULT_TOKEN',
  anchors: ['hvs.', 'hvb.', 'hvr.'],
  pattern: new RegExp(`${B}(?<v>hv[sbr]\\.[A-Za-z0-9_-]{24,300})(?![A-Za-z0-9_-])`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('hvr.')) {", 'hvr.xxxxx-xxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hvr.Zq7Lm2Pw'],
};

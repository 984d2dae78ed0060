import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const onepasswordToken = rule({
  id: 'secret/1password-token',
  title: '1Password service account token',
  envVar: 'OP_SERVICE_ACCOUNT_TOKEN',
  anchors: ['ops_eyJ'],
  pattern: /(?<![A-Za-z0-9_])(?<v>ops_eyJ[A-Za-z0-9+/]{250,}={0,3})/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('ops_eyJ')) {", 'ops_eyJxxxxxxxxxxxxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ops_eyJZq7Lm2Pw'],
};

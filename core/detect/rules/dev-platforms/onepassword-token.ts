import { rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const onepasswordToken: RuleModule = {
  rule: rule({
    id: 'secret/1password-token',
    title: '1Password service account token',
    envVar: 'OP_SERVICE_ACCOUNT_TOKEN',
    anchors: ['ops_eyJ'],
    pattern: /(?<![A-Za-z0-9_])(?<v>ops_eyJ[A-Za-z0-9+/]{250,}={0,3})/,
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('ops_eyJ')) {", 'ops_eyJxxxxxxxxxxxxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ops_eyJZq7Lm2Pw'],
  },
};

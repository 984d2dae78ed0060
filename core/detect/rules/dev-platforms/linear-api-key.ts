import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const linearApiKey: RuleModule = {
  rule: rule({
    id: 'secret/linear-api-key',
    title: 'Linear API key',
    envVar: 'LINEAR_API_KEY',
    anchors: ['lin_api_'],
    pattern: new RegExp(`${B}(?<v>lin_api_[A-Za-z0-9]{40})${E}`),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('lin_api_')) {", 'lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'lin_api_Zq7Lm2Pw'],
  },
};

import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const readmeToken: RuleModule = {
  rule: rule({
    id: 'secret/readme-token',
    title: 'ReadMe API token',
    anchors: ['rdme_'],
    pattern: new RegExp(`${B}(?<v>rdme_[a-z0-9]{70})${E}`),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('rdme_')) {", 'rdme_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'rdme_Zq7Lm2Pw'],
  },
};

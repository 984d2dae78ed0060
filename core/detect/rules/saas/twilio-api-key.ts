import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const twilioApiKey: RuleModule = {
  rule: rule({
    id: 'secret/twilio-api-key',
    title: 'Twilio API key',
    envVar: 'TWILIO_API_KEY',
    anchors: ['SK'],
    pattern: new RegExp(`${B}(?<v>SK[0-9a-fA-F]{32})${E}`),
    validate: minEntropy(3),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('SK')) {", 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SKZq7Lm2Pw'],
  },
};

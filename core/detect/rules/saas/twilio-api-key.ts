import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const twilioApiKey = rule({
  id: 'secret/twilio-api-key',
  title: 'Twilio API key',
  envVar: 'TWILIO_API_KEY',
  anchors: ['SK'],
  pattern: new RegExp(`${B}(?<v>SK[0-9a-fA-F]{32})${E}`),
  validate: minEntropy(3),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('SK')) {", 'SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SKZq7Lm2Pw'],
};

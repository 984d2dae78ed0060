import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const sendgridApiKey = rule({
  id: 'secret/sendgrid-api-key',
  title: 'SendGrid API key',
  envVar: 'SENDGRID_API_KEY',
  anchors: ['SG.'],
  pattern: /(?<![A-Za-z0-9_])(?<v>SG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50})(?![A-Za-z0-9_-])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('SG.')) {", 'SG.xx-xxxxxxxxx-xxxxxxxxx.xxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx', 'SG.Zq7Lm2Pw'],
};

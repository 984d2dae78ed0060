import { rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const mailchimpApiKey: RuleModule = {
  rule: rule({
    id: 'secret/mailchimp-api-key',
    title: 'Mailchimp API key',
    envVar: 'MAILCHIMP_API_KEY',
    anchors: ['-us'],
    pattern: /(?<=(?<![A-Za-z0-9])(?<p>[a-f0-9]{32}))-us\d{1,2}(?![A-Za-z0-9])/,
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('-us')) {", '3af9e07f09df471dc5a2e6a3411db3ee-usx', '3af9e07f09df471dc5a2e6a3411db3ee-usZq7Lm2Pw'],
  },
};

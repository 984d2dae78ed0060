import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const mailchimpApiKey = rule({
  id: 'secret/mailchimp-api-key',
  title: 'Mailchimp API key',
  envVar: 'MAILCHIMP_API_KEY',
  anchors: ['-us'],
  pattern: /(?<=(?<![A-Za-z0-9])(?<p>[a-f0-9]{32}))-us\d{1,2}(?![A-Za-z0-9])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN, { in: 'MAILCHIMP_API_KEY = "{value}"', shape: '[a-f0-9]{32}-us[0-9]{1,2}' }],
  false: ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us6', 'server: "us6" # data centre -us6', 'deadbeef-us6'],
};

import { minEntropy } from '../../judge/entropy';
import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const slackWebhook = rule({
  id: 'secret/slack-webhook',
  title: 'Slack webhook URL',
  envVar: 'SLACK_WEBHOOK_URL',
  anchors: ['hooks.slack.com/'],
  pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<v>[A-Za-z0-9+/_-]{20,200})(?![A-Za-z0-9+/_-])/,
  validate: (v) => (/\d/.test(v) && minEntropy(3.5)(v) ? 0.95 : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('hooks.slack.com/')) {", 'hooks.slack.com/xxxxxxxx/xxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxx/xxx', 'hooks.slack.com/Zq7Lm2Pw'],
};

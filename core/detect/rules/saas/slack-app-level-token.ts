import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const slackAppLevelToken = rule({
  id: 'secret/slack-token',
  title: 'Slack app-level token',
  envVar: 'SLACK_APP_TOKEN',
  anchors: ['xapp-'],
  pattern: new RegExp(`${B}(?<v>xapp-\\d-[A-Z0-9]{9,12}-\\d{10,16}-[a-z0-9]{60,70})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('xapp-')) {", 'xapp-x-xxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xapp-Zq7Lm2Pw'],
};

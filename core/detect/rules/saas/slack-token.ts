import { rule } from '../rule';
import type { RuleSamples } from '../samples';

export const slackToken = rule({
  id: 'secret/slack-token',
  title: 'Slack token',
  envVar: 'SLACK_BOT_TOKEN',
  anchors: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xoxe.xox'],
  // Slack tokens are dash-separated numeric ids followed by a random tail.
  pattern: /(?<![A-Za-z0-9_-])(?<v>xox[bpaosre]-(?:\d+-)?\d{6,16}(?:-\d{6,16}){0,3}-?[A-Za-z0-9]{0,80}|xoxe\.xox[bp]-1-[A-Za-z0-9]{100,300}|xoxe-1-[A-Za-z0-9]{100,300})(?![A-Za-z0-9-])/,
  validate: (v) => ((/^xoxe[.-]/.test(v) || /\d{6,}/.test(v)) && v.length >= 24 ? 0.9 : null),
});

export const samples: RuleSamples = {
  true: [{ in: 'SLACK_BOT_TOKEN={value}', shape: 'xoxb-[0-9]{12}-[0-9]{13}-[A-Za-z0-9]{24}' }, { shape: 'xoxp-[0-9]{12}-[0-9]{12}-[0-9]{13}-[a-f0-9]{32}' }],
  false: ["if (token.startsWith('xoxb-')) {", 'xoxb-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-Zq7Lm2Pw'],
};

import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const facebookAppAccessToken = rule({
  id: 'secret/facebook-token',
  title: 'Facebook app access token',
  envVar: 'FACEBOOK_ACCESS_TOKEN',
  anchors: ['|'],
  pattern: /(?<=(?<![0-9])(?<p>\d{15,16}))\|[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ['123456789012345|xxxxxxxxxxxxxxxxxxxxxxxxxxx', '123456789012345|Zq7Lm2Pw', 'if (a || b) {'],
};

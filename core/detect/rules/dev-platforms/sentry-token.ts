import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const sentryToken = rule({
  id: 'secret/sentry-token',
  title: 'Sentry auth token',
  envVar: 'SENTRY_AUTH_TOKEN',
  anchors: ['sntrys_', 'sntryu_'],
  pattern: /(?<v>sntrys_eyJ[A-Za-z0-9+/=]{30,600}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9_])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sntrys_')) {", 'sntrys_xxxxxxxxxxxxxxx=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sntrys_Zq7Lm2Pw'],
};

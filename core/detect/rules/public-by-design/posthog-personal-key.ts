import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const posthogPersonalKey = rule({
  id: 'secret/posthog-personal-key',
  title: 'PostHog personal API key',
  envVar: 'POSTHOG_PERSONAL_API_KEY',
  anchors: ['phx_'],
  pattern: new RegExp(`${B}(?<v>phx_[A-Za-z0-9]{32,64})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('phx_')) {", 'phx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'phx_Zq7Lm2Pw'],
};

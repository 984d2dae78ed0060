import { CONFIDENCE } from '../../judge/confidence';
import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';
import { INFO } from './info';

export const posthogProjectKey = rule({
  id: 'public/posthog-project-key',
  title: 'PostHog project API key (public by design)',
  hint: 'PostHog project keys are sent to every browser that loads the snippet: no need to rotate it. Check it is not a personal key (phx_).',
  anchors: ['phc_'],
  pattern: new RegExp(`${B}(?<v>phc_[A-Za-z0-9]{32,64})${E}`),
  validate: minEntropy(3.5, CONFIDENCE.publicByDesign),
  ...INFO,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('phc_')) {", 'phc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'phc_Zq7Lm2Pw'],
};

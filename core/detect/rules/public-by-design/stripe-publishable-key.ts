import { CONFIDENCE } from '../../judge/confidence';
import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';
import { INFO } from './info';

export const stripePublishableKey = rule({
  id: 'public/stripe-publishable-key',
  title: 'Stripe publishable key (public by design)',
  hint: 'Publishable keys are meant for the browser: no need to rotate it. Keep the secret key (sk_) out of files.',
  anchors: ['pk_live_', 'pk_test_'],
  pattern: new RegExp(`${B}(?<v>pk_(?:live|test)_[A-Za-z0-9]{20,247})${E}`),
  validate: minEntropy(3, CONFIDENCE.publicByDesign),
  ...INFO,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('pk_live_')) {", 'pk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'pk_live_Zq7Lm2Pw'],
};

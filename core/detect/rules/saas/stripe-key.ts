import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const stripeKey = rule({
  id: 'secret/stripe-key',
  title: 'Stripe secret key',
  envVar: 'STRIPE_SECRET_KEY',
  anchors: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
  pattern: new RegExp(`${B}(?<v>(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,247})${E}`),
  validate: minEntropy(3),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('rk_prod_')) {", 'rk_prod_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'rk_prod_Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const webhookSigningSecret = rule({
  // Stripe, Svix (and the services built on it: Clerk, Resend) all sign webhooks with a
  // `whsec_` secret: it proves a request came from the sender, whoever that is.
  id: 'secret/webhook-signing-secret',
  title: 'webhook signing secret',
  envVar: 'WEBHOOK_SECRET',
  hint: "Read it from the environment, then roll the endpoint's signing secret with the sender.",
  anchors: ['whsec_'],
  pattern: new RegExp(`${B}(?<v>whsec_[A-Za-z0-9+/=]{24,88})${E}`),
  validate: minEntropy(3),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('whsec_')) {", 'whsec_xxxxxx=xxxxxxxxxxxxxx/xxxxxxxxxxxxxxxxxxxx+xxxxxxxxxxxxx', 'whsec_Zq7Lm2Pw'],
};

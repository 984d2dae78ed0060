import { CONFIDENCE } from '../../judge/confidence';
import { minEntropy } from '../../judge/entropy';
import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';
import { INFO } from './info';

/**
 * Google Tag Manager's environment parameter: the container snippet of a preview or staging
 * environment carries `gtm_auth=…&gtm_preview=env-N` in the script URL every visitor's browser
 * loads ("Environments", Tag Manager Help: support.google.com/tagmanager/answer/6311518), so it
 * selects an environment rather than grants access. Seen in pages saved as test data.
 */
export const gtmEnvironmentAuth = rule({
  id: 'public/gtm-environment-auth',
  title: 'Google Tag Manager environment parameter (public by design)',
  hint: 'gtm_auth is part of the snippet every visitor loads: no need to rotate it.',
  anchors: ['gtm_auth='],
  pattern: /gtm_auth=(?<v>[A-Za-z0-9_-]{20,24})(?=&|$|["'\s])/,
  validate: minEntropy(3, CONFIDENCE.publicByDesign),
  ...INFO,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ['gtm_auth=xxxxxxxxxxxxxxxxxxxxxx&gtm_preview=env-2', 'gtm_auth=&gtm_preview=env-2'],
};

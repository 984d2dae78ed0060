import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const authorizationToken = rule({
  id: 'secret/authorization-header',
  title: 'token in an Authorization header',
  anchors: ['authorization'],
  anchorsIgnoreCase: true,
  pattern: /authorization["']?\s*[:=]\s*["']?(?:token|api-token|apikey|api-key|key|sso-key|bot|otp)[ \t]+(?<v>[A-Za-z0-9._~+/=-]{16,1024})(?![A-Za-z0-9._~+/=-])/i,
  validate: (v) => (/[0-9]/.test(v) && /[A-Za-z]/.test(v) ? 0.85 : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('authorization')) {", "authorization':\"xxxxx\txxxxxxxxxxxxxxxxxxxxxxxxxxx_xxx-xxxxxxxxx+xxxxxxx.x", 'authorizationZq7Lm2Pw'],
};

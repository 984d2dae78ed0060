import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const onepasswordSecretKey = rule({
  id: 'secret/1password-secret-key',
  title: '1Password account secret key',
  anchors: ['A3-'],
  pattern: new RegExp(`${B}(?<v>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('A3-')) {", 'A3-xxxxxx-xxxxxx-xxxxx-xxxxx-xxxxx-xxxxx', 'A3-Zq7Lm2Pw'],
};

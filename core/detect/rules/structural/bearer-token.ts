import { rule } from '../rule';
import type { RuleSamples } from '../samples';

export const bearerToken = rule({
  id: 'secret/authorization-header',
  title: 'bearer token',
  anchors: ['bearer '],
  anchorsIgnoreCase: true,
  pattern: /(?<![A-Za-z0-9_-])bearer[ \t]+(?<v>[A-Za-z0-9._~+/-]{16,4096}=*)(?![A-Za-z0-9._~+/=-])/i,
  validate: (v) => (/[0-9]/.test(v) && /[A-Za-z]/.test(v) && !/^[a-z]+(?:[._-][a-z]+)*$/.test(v) ? 0.85 : null),
});

export const samples: RuleSamples = {
  true: [{ in: 'Authorization: Bearer {value}', shape: '[A-Za-z0-9]{32}' }],
  false: ['Authorization: Bearer <token>', 'Authorization: Bearer ${TOKEN}', 'bearer authentication-required'],
};

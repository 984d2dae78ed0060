import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const ageSecretKey = rule({
  id: 'secret/age-secret-key',
  title: 'age secret key',
  anchors: ['AGE-SECRET-KEY-1'],
  pattern: /(?<v>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('AGE-SECRET-KEY-1')) {", 'AGE-SECRET-KEY-1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AGE-SECRET-KEY-1Zq7Lm2Pw'],
};

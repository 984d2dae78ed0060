import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const awsAccessKeyId = rule({
  id: 'secret/aws-access-key-id',
  title: 'AWS access key id',
  envVar: 'AWS_ACCESS_KEY_ID',
  hint: 'Deactivate the key pair in IAM and use a role or the credentials file instead; the id alone identifies the account.',
  anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  pattern: new RegExp(`${B}(?<v>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})${E}`),
  validate: minEntropy(2.5, 0.9),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('ASIA')) {", 'ASIAxxxxxxxxxxxxxxxx', 'ASIAZq7Lm2Pw'],
};

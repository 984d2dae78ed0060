import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

/**
 * After its four-character prefix an access key id is base32 (RFC 4648: A-Z and 2-7; 0, 1, 8 and 9
 * never occur): the sixteen characters decode to ten bytes that carry the account id. Sources:
 * Aidan Steele, "AWS Access Key ID formats" (https://awsteele.com/blog/2020/09/26/aws-access-key-format.html),
 * and Tal Be'ery, "A short note on AWS KEY ID" (https://medium.com/@TalBeerySec/a-short-note-on-aws-key-id-f88cc4317489),
 * which decodes the account id with base64.b32decode. A body holding 0, 1, 8 or 9
 * (`AKIATEST1234567890AB`) was typed by a person, not issued by IAM.
 */
export const awsAccessKeyId = rule({
  id: 'secret/aws-access-key-id',
  title: 'AWS access key id',
  envVar: 'AWS_ACCESS_KEY_ID',
  hint: 'Deactivate the key pair in IAM and use a role or the credentials file instead; the id alone identifies the account.',
  anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  pattern: new RegExp(`${B}(?<v>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})${E}`),
  validate: minEntropy(2.5, 0.9),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN, { in: 'aws_access_key_id = {value}', shape: 'ASIA[A-Z2-7]{16}' }],
  false: ["if (token.startsWith('ASIA')) {", 'ASIAxxxxxxxxxxxxxxxx', 'ASIAZq7Lm2Pw', 'aws_access_key_id: AKIATEST1234567890AB', 'AKIAQWERTYUIOPASDF89'],
};

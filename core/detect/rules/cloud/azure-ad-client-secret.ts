import { minEntropy } from '../../judge/entropy';
import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const azureAdClientSecret = rule({
  id: 'secret/azure-ad-client-secret',
  title: 'Azure AD (Entra ID) client secret',
  envVar: 'AZURE_CLIENT_SECRET',
  anchors: ['Q~'],
  // Secrets look like `xxx8Q~` + 31–34 characters; the three characters before the version digit are part of it.
  pattern: /(?<=(?<![A-Za-z0-9_~.-])(?<p>[A-Za-z0-9_~.-]{3}\d))Q~(?<v>[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
  validate: (v) => (minEntropy(3)(v) ? 0.9 : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('Q~')) {", '1YH7Q~xxxxxxx~x~xxxxxxxxxxxxxxxxxxxxxx', '1YH7Q~Zq7Lm2Pw'],
};

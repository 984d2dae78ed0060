import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const sidekiqCredentials = rule({
  id: 'secret/sidekiq-credentials',
  title: 'Sidekiq Enterprise credentials',
  anchors: ['CONTRIBSYS__COM'],
  pattern: /CONTRIBSYS__COM[\s'"]*[:=][\s'"]*(?<v>[a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('CONTRIBSYS__COM')) {", 'CONTRIBSYS__COM=xxxxxxxx:xxxxxxxx', 'CONTRIBSYS__COMZq7Lm2Pw'],
};

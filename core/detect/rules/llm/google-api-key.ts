import { minEntropy } from '../../judge/entropy';
import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const googleApiKey = rule({
  id: 'secret/google-api-key',
  title: 'Google API key (Gemini, Maps, Firebase)',
  envVar: 'GEMINI_API_KEY',
  anchors: ['AIza'],
  pattern: new RegExp(`${B}(?<v>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('AIza')) {", 'AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AIzaZq7Lm2Pw'],
};

import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const squareToken = rule({
  id: 'secret/square-token',
  title: 'Square access token or secret',
  envVar: 'SQUARE_ACCESS_TOKEN',
  anchors: ['sq0atp-', 'sq0csp-', 'EAAA'],
  pattern: new RegExp(`${B}(?<v>sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}|EAAA[A-Za-z0-9_+=-]{60})(?![A-Za-z0-9_-])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sq0csp-')) {", 'sq0csp-xxxx-xxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx_', 'sq0csp-Zq7Lm2Pw'],
};

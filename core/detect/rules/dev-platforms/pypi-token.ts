import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const pypiToken = rule({
  id: 'secret/pypi-token',
  title: 'PyPI upload token',
  envVar: 'PYPI_TOKEN',
  anchors: ['pypi-AgE'],
  pattern: new RegExp(`${B}(?<v>pypi-AgE[A-Za-z0-9_-]{100,1000})${E}`), // a macaroon: long
  confidence: 0.97,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('pypi-AgE')) {", 'pypi-AgExxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'pypi-AgEZq7Lm2Pw'],
};

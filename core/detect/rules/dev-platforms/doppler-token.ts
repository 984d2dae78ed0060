import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const dopplerToken = rule({
  id: 'secret/doppler-token',
  title: 'Doppler token',
  anchors: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'],
  pattern: new RegExp(`${B}(?<v>dp\\.(?:pt|st|sa|ct)\\.[A-Za-z0-9]{40,44})${E}`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('dp.ct.')) {", 'dp.ct.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'dp.ct.Zq7Lm2Pw'],
};

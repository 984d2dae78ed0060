import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const dopplerToken: RuleModule = {
  rule: rule({
    id: 'secret/doppler-token',
    title: 'Doppler token',
    anchors: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'],
    pattern: new RegExp(`${B}(?<v>dp\\.(?:pt|st|sa|ct)\\.[A-Za-z0-9]{40,44})${E}`),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('dp.ct.')) {", 'dp.ct.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'dp.ct.Zq7Lm2Pw'],
  },
};

import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const flyioToken = rule({
  id: 'secret/flyio-token',
  title: 'Fly.io access token',
  envVar: 'FLY_API_TOKEN',
  anchors: ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'],
  pattern: /(?<![A-Za-z0-9_])(?<v>fo1_[\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3})/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('fm2_')) {", 'fm2_xxxxxx/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx+xx+x', 'fm2_Zq7Lm2Pw'],
};

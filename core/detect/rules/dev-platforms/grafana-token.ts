import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const grafanaToken = rule({
  id: 'secret/grafana-token',
  title: 'Grafana token',
  envVar: 'GRAFANA_TOKEN',
  anchors: ['glc_', 'glsa_'],
  pattern: new RegExp(`${B}(?<v>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9_])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('glc_')) {", 'glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx+xxxxxxxxxxx/xxxxxxxxxxxxxxx', 'glc_Zq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const clickhouseCloudKey = rule({
  id: 'secret/clickhouse-cloud-key',
  title: 'ClickHouse Cloud API secret',
  anchors: ['4b1d'],
  pattern: new RegExp(`${B}(?<v>4b1d[A-Za-z0-9]{38})${E}`),
  validate: minEntropy(3.5),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('4b1d')) {", '4b1dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '4b1dZq7Lm2Pw'],
};

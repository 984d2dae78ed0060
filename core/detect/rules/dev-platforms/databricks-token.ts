import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const databricksToken = rule({
  id: 'secret/databricks-token',
  title: 'Databricks access token',
  envVar: 'DATABRICKS_TOKEN',
  anchors: ['dapi'],
  pattern: new RegExp(`${B}(?<v>dapi[a-fA-F0-9]{32}(?:-\\d)?)${E}`),
  validate: minEntropy(3),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('dapi')) {", 'dapixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-x', 'dapiZq7Lm2Pw'],
};

import { minEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleModule } from '../samples';

export const databricksToken: RuleModule = {
  rule: rule({
    id: 'secret/databricks-token',
    title: 'Databricks access token',
    envVar: 'DATABRICKS_TOKEN',
    anchors: ['dapi'],
    pattern: new RegExp(`${B}(?<v>dapi[a-fA-F0-9]{32}(?:-\\d)?)${E}`),
    validate: minEntropy(3),
  }),
  samples: {
    true: [OWN_PATTERN],
    false: ["if (token.startsWith('dapi')) {", 'dapixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-x', 'dapiZq7Lm2Pw'],
  },
};

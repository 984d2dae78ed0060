import { rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const azureStorageKey = rule({
  id: 'secret/azure-storage-key',
  title: 'Azure storage account key',
  envVar: 'AZURE_STORAGE_KEY',
  anchors: ['AccountKey='],
  pattern: /AccountKey=(?<v>[A-Za-z0-9+/]{86}==)/,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('AccountKey=')) {", 'AccountKey=xxx/xxx+xx+xxxxxxxxxxxxxxxxxxxxxxxxx/xxxxxxxxxxxxxxxxxxxx/xx'],
};

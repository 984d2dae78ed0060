import { B, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const awsBedrockApiKey = rule({
  id: 'secret/aws-bedrock-api-key',
  title: 'Amazon Bedrock API key',
  envVar: 'AWS_BEARER_TOKEN_BEDROCK',
  anchors: ['ABSK', 'bedrock-api-key-'],
  pattern: new RegExp(`${B}(?<v>ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]{20,3000})(?![A-Za-z0-9+/=%])`),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('bedrock-api-key-')) {", 'bedrock-api-key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/xxxxxx%xxxx%xxxxx', 'bedrock-api-key-Zq7Lm2Pw'],
};

import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const langfuseSecretKey = rule({
  // LLM tracing: the secret half of a Langfuse key pair (the `pk-lf-` half is public).
  id: 'secret/langfuse-secret-key',
  title: 'Langfuse secret key',
  envVar: 'LANGFUSE_SECRET_KEY',
  anchors: ['sk-lf-'],
  pattern: new RegExp(`${B}(?<v>sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${E}`),
  confidence: 0.95,
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-lf-')) {", 'sk-lf-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'sk-lf-Zq7Lm2Pw'],
};

import { shannonEntropy } from '../../judge/entropy';
import { B, E, rule } from '../rule';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const openaiProjectKey = rule({
  id: 'secret/openai-api-key',
  title: 'OpenAI API key',
  envVar: 'OPENAI_API_KEY',
  anchors: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'],
  pattern: new RegExp(`${B}(?<v>sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,300})${E}`),
  // Current OpenAI keys embed "T3BlbkFJ" (base64 of "OpenAI"); without it the shape is still distinctive.
  // Without the marker only the long current format (150+ characters) is distinctive enough.
  validate: (v) => (v.includes('T3BlbkFJ') ? 0.99 : v.length >= 100 && shannonEntropy(v) >= 4 ? 0.85 : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: ["if (token.startsWith('sk-admin-')) {", 'sk-admin-xxxx_xxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxx', 'sk-admin-Zq7Lm2Pw'],
};

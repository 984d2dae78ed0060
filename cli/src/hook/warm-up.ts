import { randomBytes } from 'node:crypto';
import { ASSISTANTS, decideHook } from '../../../core/filter';

/**
 * Runs the hook's decision on sample payloads while the snapshot is built, so the saved heap holds
 * what a first decision builds (the rule tables, the prefilter's tables, compiled regexes and
 * functions). The samples name a folder that does not exist: nothing is read, no policy is found,
 * and nothing of this machine's files or environment ends up in the blob.
 */
export function warmUp(): void {
  const cwd = '/nonexistent/rotation-guard-snapshot';
  // A random value in a credential's place (generated, never a real key), in prose and code.
  const value = randomBytes(36).toString('base64url');
  const text = [
    'Please refactor the parser in src/parse.ts and keep the tests green; the config lives in config/app.yaml.',
    `export OPENAI_API_KEY=sk-proj-${value}`,
    `const client = new Client({ apiKey: "${value}", baseURL: process.env.BASE_URL });`,
    `password: ${value}`,
    '```ts\nconst token = process.env.GITHUB_TOKEN;\n```',
  ].join('\n');
  const shapes = [
    { hook_event_name: 'UserPromptSubmit', prompt: text, cwd },
    { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `echo "${text}"` }, cwd },
    { hook_event_name: 'PostToolUse', tool_name: 'mcp__db__query', tool_input: { q: 'select 1' }, tool_response: { text }, cwd },
  ];
  for (const name of ASSISTANTS) {
    for (const shape of shapes) decideHook(name, JSON.stringify(shape), { cwd, eventFlag: shape.hook_event_name });
  }
}

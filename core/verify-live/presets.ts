/**
 * THE table of "is this key live?" checks: for each service, its official host and one
 * documented read-only call that costs nothing, and how its answer reads (live / refused /
 * unknown). Read by the `provider` verification type (rotation: the new key works, the old one is
 * refused) and by `scan --verify` / the editor's "Is this key live?" (a found key goes only to its
 * own service's host from this table). The host is overridable for tests only through
 * `ROTATION_GUARD_<ENV>_BASE_URL`, never by a policy or a file. Pure data: no I/O here.
 */
export type LiveStatus = 'live' | 'refused' | 'unknown';

export interface LivePreset {
  id: string;
  title: string;
  /** `ROTATION_GUARD_${envName}_BASE_URL` overrides `baseUrl` (tests, demo). */
  envName: string;
  /** The official host; empty for per-resource hosts (Azure), which only a rotation's own provider spec supplies. */
  baseUrl: string;
  method: 'GET' | 'POST';
  path: string;
  headers(key: string): Record<string, string>;
  /** How an answer reads; the default: 2xx live, `refused` statuses refused, anything else unknown. */
  refused?: number[];
  judge?(status: number, body: unknown): LiveStatus | undefined;
  /** Detector rules whose findings this preset checks (`scan --verify`). */
  ruleIds: string[];
  /** Rotation providers whose keys this preset checks (`verification: { type: provider }`). */
  rotationProviders?: string[];
  /** Needs a second value (a Langfuse public key) that a found secret alone does not have. */
  needsPair?: string;
  docs: string;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export const LIVE_PRESETS: readonly LivePreset[] = [
  { id: 'openai', title: 'OpenAI', envName: 'OPENAI', baseUrl: 'https://api.openai.com', method: 'GET', path: '/v1/models', headers: bearer, refused: [401], ruleIds: ['secret/openai-api-key'], rotationProviders: ['openai'], docs: 'https://platform.openai.com/docs/api-reference/models/list' },
  {
    id: 'anthropic', title: 'Anthropic', envName: 'ANTHROPIC', baseUrl: 'https://api.anthropic.com', method: 'GET', path: '/v1/models',
    headers: (k) => ({ 'x-api-key': k, 'anthropic-version': '2023-06-01' }), refused: [401], ruleIds: ['secret/anthropic-api-key'], rotationProviders: ['anthropic'], docs: 'https://platform.claude.com/docs/en/api/models/list',
  },
  {
    id: 'gemini', title: 'Google Gemini', envName: 'GEMINI', baseUrl: 'https://generativelanguage.googleapis.com', method: 'GET', path: '/v1beta/models?pageSize=1', headers: (k) => ({ 'x-goog-api-key': k }),
    // An unknown key is 400 API_KEY_INVALID; 403 is a real key without this API enabled: not "refused".
    judge: (status, body) => (status === 400 && JSON.stringify(body ?? '').includes('API_KEY_INVALID') ? 'refused' : undefined),
    ruleIds: ['secret/google-api-key'], rotationProviders: ['gemini'], docs: 'https://ai.google.dev/api/models#method:-models.list',
  },
  { id: 'groq', title: 'Groq', envName: 'GROQ', baseUrl: 'https://api.groq.com', method: 'GET', path: '/openai/v1/models', headers: bearer, refused: [401], ruleIds: ['secret/groq-api-key'], docs: 'https://console.groq.com/docs/api-reference#models-list' },
  { id: 'mistral', title: 'Mistral', envName: 'MISTRAL', baseUrl: 'https://api.mistral.ai', method: 'GET', path: '/v1/models', headers: bearer, refused: [401], ruleIds: ['secret/mistral-api-key'], docs: 'https://docs.mistral.ai/api/#tag/models/operation/list_models_v1_models_get' },
  {
    id: 'cohere', title: 'Cohere', envName: 'COHERE', baseUrl: 'https://api.cohere.com', method: 'POST', path: '/v1/check-api-key', headers: bearer, refused: [401],
    judge: (status, body) => (status === 200 ? ((body as { valid?: unknown })?.valid === true ? 'live' : (body as { valid?: unknown })?.valid === false ? 'refused' : 'unknown') : undefined),
    ruleIds: ['secret/cohere-api-key'], docs: 'https://docs.cohere.com/reference/checkapikey',
  },
  { id: 'deepseek', title: 'DeepSeek', envName: 'DEEPSEEK', baseUrl: 'https://api.deepseek.com', method: 'GET', path: '/user/balance', headers: bearer, refused: [401], ruleIds: ['secret/deepseek-api-key'], docs: 'https://api-docs.deepseek.com/api/get-user-balance' },
  // xAI documents 400 for "an invalid API key is provided" on this endpoint.
  { id: 'xai', title: 'xAI', envName: 'XAI', baseUrl: 'https://api.x.ai', method: 'GET', path: '/v1/api-key', headers: bearer, refused: [400, 401], ruleIds: ['secret/xai-api-key'], docs: 'https://docs.x.ai/docs/api-reference#get-api-key-info' },
  { id: 'openrouter', title: 'OpenRouter', envName: 'OPENROUTER', baseUrl: 'https://openrouter.ai', method: 'GET', path: '/api/v1/key', headers: bearer, refused: [401], ruleIds: ['secret/openrouter-api-key'], rotationProviders: ['openrouter'], docs: 'https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key' },
  { id: 'replicate', title: 'Replicate', envName: 'REPLICATE', baseUrl: 'https://api.replicate.com', method: 'GET', path: '/v1/account', headers: bearer, refused: [401], ruleIds: ['secret/replicate-api-token'], docs: 'https://replicate.com/docs/reference/http#accounts.get' },
  { id: 'huggingface', title: 'Hugging Face', envName: 'HUGGINGFACE', baseUrl: 'https://huggingface.co', method: 'GET', path: '/api/whoami-v2', headers: bearer, refused: [401], ruleIds: ['secret/huggingface-token'], docs: 'https://huggingface.co/docs/hub/api#get-apiwhoami-v2' },
  { id: 'langsmith', title: 'LangSmith', envName: 'LANGSMITH', baseUrl: 'https://api.smith.langchain.com', method: 'GET', path: '/api/v1/workspaces', headers: (k) => ({ 'x-api-key': k }), refused: [401, 403], ruleIds: ['secret/langsmith-api-key'], docs: 'https://docs.langchain.com/langsmith/smith-api' },
  {
    id: 'langfuse', title: 'Langfuse', envName: 'LANGFUSE', baseUrl: 'https://cloud.langfuse.com', method: 'GET', path: '/api/public/projects',
    // Basic auth needs the public key too: `key` here is "pk-lf-…:sk-lf-…".
    headers: (k) => ({ authorization: `Basic ${Buffer.from(k).toString('base64')}` }), refused: [401], ruleIds: ['secret/langfuse-secret-key'], needsPair: 'its public key (pk-lf-…)', docs: 'https://api.reference.langfuse.com/#tag/projects/GET/api/public/projects',
  },
  { id: 'github', title: 'GitHub', envName: 'GITHUB', baseUrl: 'https://api.github.com', method: 'GET', path: '/user', headers: (k) => ({ authorization: `Bearer ${k}`, 'x-github-api-version': '2022-11-28', 'user-agent': 'rotation-guard' }), refused: [401], ruleIds: ['secret/github-token'], docs: 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user' },
  {
    id: 'slack', title: 'Slack', envName: 'SLACK', baseUrl: 'https://slack.com', method: 'POST', path: '/api/auth.test', headers: bearer,
    judge: (status, body) => {
      if (status !== 200) return undefined;
      const b = body as { ok?: unknown; error?: unknown };
      if (b?.ok === true) return 'live';
      return ['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed'].includes(String(b?.error)) ? 'refused' : 'unknown';
    },
    ruleIds: ['secret/slack-token'], docs: 'https://api.slack.com/methods/auth.test',
  },
  {
    id: 'azure-openai', title: 'Azure OpenAI', envName: 'AZURE_OPENAI', baseUrl: '', method: 'GET', path: '/openai/models?api-version=2024-10-21', headers: (k) => ({ 'api-key': k }), refused: [401],
    ruleIds: [], rotationProviders: ['azure-openai'], docs: 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference',
  },
];

export const LIVE_PRESET_IDS = LIVE_PRESETS.map((p) => p.id) as [string, ...string[]];

export function livePreset(id: string): LivePreset | undefined {
  return LIVE_PRESETS.find((p) => p.id === id);
}

export function presetForRule(ruleId: string): LivePreset | undefined {
  return LIVE_PRESETS.find((p) => p.ruleIds.includes(ruleId));
}

export function presetForProvider(type: string | undefined): LivePreset | undefined {
  return type ? LIVE_PRESETS.find((p) => p.rotationProviders?.includes(type)) : undefined;
}

/** How an answer reads under a preset. */
export function judgeAnswer(p: LivePreset, status: number, body: unknown): LiveStatus {
  const custom = p.judge?.(status, body);
  if (custom) return custom;
  if (status >= 200 && status < 300) return 'live';
  return (p.refused ?? [401]).includes(status) ? 'refused' : 'unknown';
}

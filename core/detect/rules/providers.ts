/**
 * The provider table for keys without a distinctive prefix: one row per provider holds its key's
 * exact shape, the environment variable it is read from, where a person makes a new one, and how a
 * name or a keyword points at it. Three readers:
 *  - the context rules (rules/context.ts): a keyword shortly before a value of the exact shape;
 *  - the name classifier (names.ts `providerForName`): `MISTRAL_API_KEY = …` names the provider;
 *  - the generic detector (generic.ts): a name holding one of `deferWords` is left to the rules.
 * (Providers whose keys carry a prefix, `sk-ant-`, `gsk_`, are pattern rules in rules/*.ts.)
 */
export interface Provider {
  id: string;
  title: string;
  /** Environment variables the provider's SDKs read, the usual one first. */
  envVars: readonly string[];
  /** The page where a person creates and revokes keys (the manual rotation provider opens it). */
  keyPage?: string;
  /** Regex source of the whole key (without anchors). */
  key?: string;
  /** Tested on a credential name's words joined in lower case (`mistralapikey`). */
  nameMatch?: RegExp;
  /** Keywords after which a value of `key`'s shape is this provider's key (context rules). */
  keywords?: readonly string[];
  /** Least Shannon entropy (bits per character) of a context-rule value. */
  minEntropy?: number;
  /** A name holding one of these words: the generic detector leaves its value to this provider's rule. */
  deferWords?: readonly string[];
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// Together AI keys: 64 hex characters (older keys) or `tgp_v1_` and 43 base64url characters.
const TOGETHER = '(?:tgp_v1_)?[A-Za-z0-9_-]{43,64}';

export const PROVIDERS: readonly Provider[] = [
  { id: 'secret/aws-secret-access-key', title: 'AWS secret access key', envVars: ['AWS_SECRET_ACCESS_KEY'], key: '[A-Za-z0-9/+]{40}', nameMatch: /aws.*secret|secret.*access.*key/, keyPage: 'https://console.aws.amazon.com/iam/home#/security_credentials' },
  { id: 'secret/sumologic-access-id', title: 'Sumo Logic access id', envVars: ['SUMO_ACCESS_ID'], key: 'su[A-Za-z0-9]{12}', keywords: ['sumologic', 'sumo_', 'sumo-', 'sumo.'], minEntropy: 3, deferWords: ['sumo'] },
  { id: 'secret/sumologic-access-key', title: 'Sumo Logic access key', envVars: ['SUMO_ACCESS_KEY'], key: '[A-Za-z0-9]{64}', keywords: ['sumologic', 'sumo_', 'sumo-', 'sumo.'], minEntropy: 4 },
  { id: 'secret/softlayer-api-key', title: 'IBM SoftLayer API key', envVars: ['SOFTLAYER_API_KEY'], key: '[a-zA-Z0-9]{64}', keywords: ['softlayer', 'sl_', 'sl-', 'slapi', 'api.softlayer.com/soap/v3'], minEntropy: 2.5, deferWords: ['softlayer'] },
  { id: 'secret/ibm-cloud-api-key', title: 'IBM Cloud API key', envVars: ['IBMCLOUD_API_KEY'], key: '[A-Za-z0-9_-]{44}', keywords: ['ibm', 'iam', 'cloud_api', 'cloud-api', 'apikey'], minEntropy: 3, deferWords: ['ibm'], keyPage: 'https://cloud.ibm.com/iam/apikeys' },
  { id: 'secret/ibm-cos-hmac-key', title: 'IBM COS HMAC secret', envVars: [], key: '[a-f0-9]{48}', keywords: ['secret_access_key', 'secret_key'], minEntropy: 2.5 },
  { id: 'secret/cloudant-password', title: 'Cloudant password', envVars: [], key: '[A-Za-z0-9]{24}|[a-f0-9]{64}', keywords: ['cloudant', 'clou_', 'cl_'], minEntropy: 2.5, deferWords: ['cloudant'] },
  { id: 'secret/snyk-api-token', title: 'Snyk API token', envVars: ['SNYK_TOKEN'], key: UUID, keywords: ['snyk'], minEntropy: 2.5, deferWords: ['snyk'] },
  { id: 'secret/heroku-api-key', title: 'Heroku API key', envVars: ['HEROKU_API_KEY'], key: UUID, keywords: ['heroku'], minEntropy: 2.5, deferWords: ['heroku'] },
  { id: 'secret/hubspot-api-key', title: 'HubSpot API key', envVars: ['HUBSPOT_API_KEY'], key: UUID, keywords: ['hubspot'], minEntropy: 2.5, deferWords: ['hubspot'] },
  { id: 'secret/sonar-token', title: 'SonarQube/SonarCloud token', envVars: ['SONAR_TOKEN'], key: '(?:sq[paui]_)?[A-Za-z0-9]{40}', keywords: ['sonar'], minEntropy: 3, deferWords: ['sonar'] },
  { id: 'secret/sourcegraph-token', title: 'Sourcegraph access token', envVars: ['SRC_ACCESS_TOKEN'], key: '[a-fA-F0-9]{40}', keywords: ['sourcegraph'], minEntropy: 3, deferWords: ['sourcegraph'] },
  { id: 'secret/cloudflare-api-key', title: 'Cloudflare API key', envVars: ['CLOUDFLARE_API_KEY', 'CLOUDFLARE_API_TOKEN'], key: '[a-f0-9]{37}|[A-Za-z0-9_-]{40}', keywords: ['cloudflare'], minEntropy: 3, deferWords: ['cloudflare'], keyPage: 'https://dash.cloudflare.com/profile/api-tokens' },
  { id: 'secret/cisco-meraki-api-key', title: 'Cisco Meraki API key', envVars: ['MERAKI_API_KEY'], key: '[0-9a-f]{40}', keywords: ['meraki'], minEntropy: 3, deferWords: ['meraki'] },
  { id: 'secret/okta-token', title: 'Okta API token', envVars: ['OKTA_API_TOKEN'], key: '00[A-Za-z0-9=_-]{40}', keywords: ['okta'], minEntropy: 3.5, deferWords: ['okta'] },
  { id: 'secret/messagebird-key', title: 'MessageBird key', envVars: [], key: `[A-Za-z0-9]{25}|${UUID}`, keywords: ['messagebird', 'message_bird', 'message-bird'], minEntropy: 3, deferWords: ['messagebird'] },
  { id: 'secret/etsy-token', title: 'Etsy access token', envVars: [], key: '[A-Za-z0-9]{24}', keywords: ['etsy'], minEntropy: 3, deferWords: ['etsy'] },
  { id: 'secret/freemius-secret-key', title: 'Freemius secret key', envVars: [], key: 'sk_(?!live_|test_|prod_)[\\S]{29}', keywords: ['secret_key'], minEntropy: 3 },
  { id: 'secret/maxmind-license-key', title: 'MaxMind license key', envVars: ['MAXMIND_LICENSE_KEY'], key: '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', keywords: ['maxmind', 'geoip'], minEntropy: 3, deferWords: ['maxmind'] },
  { id: 'secret/discord-client-secret', title: 'Discord client secret', envVars: ['DISCORD_CLIENT_SECRET'], key: '[A-Za-z0-9_-]{32}', keywords: ['discord'], minEntropy: 3.5, deferWords: ['discord'], keyPage: 'https://discord.com/developers/applications' },
  { id: 'secret/beamer-api-token', title: 'Beamer API token', envVars: [], key: 'b_[A-Za-z0-9=_-]{44}', keywords: ['beamer'], minEntropy: 3, deferWords: ['beamer'] },
  { id: 'secret/azure-openai-api-key', title: 'Azure OpenAI key', envVars: ['AZURE_OPENAI_API_KEY'], key: '[a-fA-F0-9]{32}|[A-Za-z0-9]{84}', nameMatch: /azure.*openai|aoai/, keywords: ['azure_openai', 'azure-openai', 'azureopenai', 'aoai'], minEntropy: 3, keyPage: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI' },
  { id: 'secret/mistral-api-key', title: 'Mistral API key', envVars: ['MISTRAL_API_KEY'], key: '[A-Za-z0-9]{32}', nameMatch: /mistral/, keywords: ['mistral'], minEntropy: 3.5, keyPage: 'https://console.mistral.ai/api-keys' },
  { id: 'secret/cohere-api-key', title: 'Cohere API key', envVars: ['COHERE_API_KEY', 'CO_API_KEY'], key: '[A-Za-z0-9]{40}', nameMatch: /cohere|^co(?:api)?key$/, keywords: ['cohere', 'co_api_key'], minEntropy: 3.5, keyPage: 'https://dashboard.cohere.com/api-keys' },
  { id: 'secret/together-api-key', title: 'Together AI API key', envVars: ['TOGETHER_API_KEY'], key: TOGETHER, nameMatch: /together/, keywords: ['together'], minEntropy: 3.5, keyPage: 'https://api.together.ai/settings/api-keys' },
  { id: 'secret/databricks-token', title: 'Databricks token', envVars: ['DATABRICKS_TOKEN'], key: 'dapi[a-f0-9]{32}(?:-\\d)?', keywords: ['databricks'], minEntropy: 3, deferWords: ['databricks'] },
  { id: 'secret/privateai-api-token', title: 'Private AI API token', envVars: [], key: '[A-Za-z0-9]{32}', keywords: ['private_ai', 'private-ai', 'privateai'], minEntropy: 3.5 },
  { id: 'secret/huggingface-token', title: 'Hugging Face token', envVars: ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'], key: 'hf_[A-Za-z]{34}', keywords: ['huggingface', 'hugging_face', 'hf_token'], minEntropy: 3, keyPage: 'https://huggingface.co/settings/tokens' },
  // Keys of these carry a prefix (rules/llm.ts); the name still tells which provider a
  // prefix-less value belongs to.
  { id: 'secret/deepseek-api-key', title: 'DeepSeek API key', envVars: ['DEEPSEEK_API_KEY'], nameMatch: /deepseek/, keyPage: 'https://platform.deepseek.com/api_keys' },
  { id: 'secret/openai-api-key', title: 'OpenAI API key', envVars: ['OPENAI_API_KEY'], key: 'sk-.*', nameMatch: /openai/, keyPage: 'https://platform.openai.com/api-keys' },
  { id: 'secret/anthropic-api-key', title: 'Anthropic API key', envVars: ['ANTHROPIC_API_KEY'], key: 'sk-ant-.*', nameMatch: /anthropic|claude/, keyPage: 'https://console.anthropic.com/settings/keys' },
  { id: 'secret/voyage-api-key', title: 'Voyage AI API key', envVars: ['VOYAGE_API_KEY'], nameMatch: /voyage/ },
  { id: 'secret/fireworks-api-key', title: 'Fireworks AI API key', envVars: ['FIREWORKS_API_KEY'], nameMatch: /fireworks/ },
  // A rule in rules/cloud.ts knows its key (`4b1d…`).
  { id: 'secret/clickhouse-cloud-key', title: 'ClickHouse Cloud API secret', envVars: [], deferWords: ['clickhouse'] },
];

/** The provider's usual environment variable (undefined when its SDKs read none). */
export const envVarOf = (p: Provider): string | undefined => p.envVars[0];

/** Names holding these words are left to the provider's own rule by the generic detector. */
export const DEFER_TO_PROVIDER_RULE = new RegExp(PROVIDERS.flatMap((p) => p.deferWords ?? []).join('|'), 'i');

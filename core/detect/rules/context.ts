import { minEntropy } from '../entropy';
import { caseless } from '../prefilter';
import { rule, type PatternRule } from '../rule';

/**
 * Keys without a distinctive prefix, recognised by the provider's name shortly before the value
 * (`SUMO_ACCESS_ID = "su…"`, `--softlayer-api-key …`). The name is the anchor; the value must
 * still have the provider's exact shape.
 */
const ASSIGN = `[\\w.-]{0,40}?(?:["'\\]]{0,2})[ \\t]{0,4}(?:=|:=|::=|:|=>|,|[ \\t])[ \\t]{0,4}[\`'"]?[ \\t]{0,2}`;

function kw(id: string, title: string, envVar: string | undefined, keywords: string[], value: string, minH = 3): PatternRule {
  return rule({
    id,
    title,
    ...(envVar ? { envVar } : {}),
    anchors: keywords,
    anchorsIgnoreCase: true,
    // The name is matched without regard to case, the value with its exact shape; the name must start a word.
    pattern: new RegExp(`(?<![A-Za-z])(?:${keywords.map(caseless).join('|')})${ASSIGN}(?<v>${value})(?![A-Za-z0-9_\\-+/=])`),
    validate: minEntropy(minH, 0.85),
  });
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const contextRules: PatternRule[] = [
  kw('secret/sumologic-access-id', 'Sumo Logic access id', 'SUMO_ACCESS_ID', ['sumologic', 'sumo_', 'sumo-', 'sumo.'], 'su[A-Za-z0-9]{12}', 3),
  kw('secret/sumologic-access-key', 'Sumo Logic access key', 'SUMO_ACCESS_KEY', ['sumologic', 'sumo_', 'sumo-', 'sumo.'], '[A-Za-z0-9]{64}', 4),
  kw('secret/softlayer-api-key', 'IBM SoftLayer API key', 'SOFTLAYER_API_KEY', ['softlayer', 'sl_', 'sl-', 'slapi'], '[a-zA-Z0-9]{64}', 2.5),
  kw('secret/softlayer-api-key', 'IBM SoftLayer API key', 'SOFTLAYER_API_KEY', ['api.softlayer.com/soap/v3'], '[a-zA-Z0-9]{64}', 2.5),
  kw('secret/ibm-cloud-api-key', 'IBM Cloud API key', 'IBMCLOUD_API_KEY', ['ibm', 'iam', 'cloud_api', 'cloud-api', 'apikey'], '[A-Za-z0-9_-]{44}', 3),
  kw('secret/ibm-cos-hmac-key', 'IBM COS HMAC secret', undefined, ['secret_access_key', 'secret_key'], '[a-f0-9]{48}', 2.5),
  kw('secret/cloudant-password', 'Cloudant password', undefined, ['cloudant', 'clou_', 'cl_'], '[A-Za-z0-9]{24}|[a-f0-9]{64}', 2.5),
  kw('secret/snyk-api-token', 'Snyk API token', 'SNYK_TOKEN', ['snyk'], UUID, 2.5),
  kw('secret/heroku-api-key', 'Heroku API key', 'HEROKU_API_KEY', ['heroku'], UUID, 2.5),
  kw('secret/hubspot-api-key', 'HubSpot API key', 'HUBSPOT_API_KEY', ['hubspot'], UUID, 2.5),
  kw('secret/sonar-token', 'SonarQube/SonarCloud token', 'SONAR_TOKEN', ['sonar'], '(?:sq[paui]_)?[A-Za-z0-9]{40}', 3),
  kw('secret/sourcegraph-token', 'Sourcegraph access token', 'SRC_ACCESS_TOKEN', ['sourcegraph'], '[a-fA-F0-9]{40}', 3),
  kw('secret/cloudflare-api-key', 'Cloudflare API key', 'CLOUDFLARE_API_KEY', ['cloudflare'], '[a-f0-9]{37}|[A-Za-z0-9_-]{40}', 3),
  kw('secret/cisco-meraki-api-key', 'Cisco Meraki API key', 'MERAKI_API_KEY', ['meraki'], '[0-9a-f]{40}', 3),
  kw('secret/okta-token', 'Okta API token', 'OKTA_API_TOKEN', ['okta'], '00[A-Za-z0-9=_-]{40}', 3.5),
  kw('secret/messagebird-key', 'MessageBird key', undefined, ['messagebird', 'message_bird', 'message-bird'], `[A-Za-z0-9]{25}|${UUID}`, 3),
  kw('secret/etsy-token', 'Etsy access token', undefined, ['etsy'], '[A-Za-z0-9]{24}', 3),
  kw('secret/freemius-secret-key', 'Freemius secret key', undefined, ['secret_key'], 'sk_(?!live_|test_|prod_)[\\S]{29}', 3),
  kw('secret/maxmind-license-key', 'MaxMind license key', 'MAXMIND_LICENSE_KEY', ['maxmind', 'geoip'], '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', 3),
  kw('secret/discord-client-secret', 'Discord client secret', 'DISCORD_CLIENT_SECRET', ['discord'], '[A-Za-z0-9_-]{32}', 3.5),
  kw('secret/beamer-api-token', 'Beamer API token', undefined, ['beamer'], 'b_[A-Za-z0-9=_-]{44}', 3),
  kw('secret/cohere-api-key', 'Cohere API key', 'COHERE_API_KEY', ['cohere', 'co_api_key'], '[A-Za-z0-9]{40}', 3.5),
  kw('secret/mistral-api-key', 'Mistral API key', 'MISTRAL_API_KEY', ['mistral'], '[A-Za-z0-9]{32}', 3.5),
  kw('secret/together-api-key', 'Together AI API key', 'TOGETHER_API_KEY', ['together'], '(?:tgp_v1_)?[A-Za-z0-9_-]{43,64}', 3.5),
  kw('secret/azure-openai-api-key', 'Azure OpenAI key', 'AZURE_OPENAI_API_KEY', ['azure_openai', 'azure-openai', 'azureopenai', 'aoai'], '[a-fA-F0-9]{32}|[A-Za-z0-9]{84}', 3),
  kw('secret/databricks-token', 'Databricks token', 'DATABRICKS_TOKEN', ['databricks'], 'dapi[a-f0-9]{32}(?:-\\d)?', 3),
  kw('secret/privateai-api-token', 'Private AI API token', undefined, ['private_ai', 'private-ai', 'privateai'], '[A-Za-z0-9]{32}', 3.5),
  kw('secret/huggingface-token', 'Hugging Face token', 'HF_TOKEN', ['huggingface', 'hugging_face', 'hf_token'], 'hf_[A-Za-z]{34}', 3),
];

import { contextRules, contextSamples, CONTEXT_PROVIDERS } from './context';
import { alibabaAccessKeyId, samples as alibabaAccessKeyIdSamples } from './cloud/alibaba-access-key-id';
import { awsAccessKeyId, samples as awsAccessKeyIdSamples } from './cloud/aws-access-key-id';
import { awsBedrockApiKey, samples as awsBedrockApiKeySamples } from './cloud/aws-bedrock-api-key';
import { azureAdClientSecret, samples as azureAdClientSecretSamples } from './cloud/azure-ad-client-secret';
import { azureStorageKey, samples as azureStorageKeySamples } from './cloud/azure-storage-key';
import { clickhouseCloudKey, samples as clickhouseCloudKeySamples } from './cloud/clickhouse-cloud-key';
import { cloudflareApiKey, samples as cloudflareApiKeySamples } from './cloud/cloudflare-api-key';
import { cloudflareOriginCaKey, samples as cloudflareOriginCaKeySamples } from './cloud/cloudflare-origin-ca-key';
import { digitaloceanToken, samples as digitaloceanTokenSamples } from './cloud/digitalocean-token';
import { ageSecretKey, samples as ageSecretKeySamples } from './dev-platforms/age-secret-key';
import { artifactoryApiKey, samples as artifactoryApiKeySamples } from './dev-platforms/artifactory-api-key';
import { artifactoryToken, samples as artifactoryTokenSamples } from './dev-platforms/artifactory-token';
import { databricksToken, samples as databricksTokenSamples } from './dev-platforms/databricks-token';
import { dockerHubToken, samples as dockerHubTokenSamples } from './dev-platforms/docker-hub-token';
import { dopplerToken, samples as dopplerTokenSamples } from './dev-platforms/doppler-token';
import { easypostToken, samples as easypostTokenSamples } from './dev-platforms/easypost-token';
import { figmaToken, samples as figmaTokenSamples } from './dev-platforms/figma-token';
import { flyioToken, samples as flyioTokenSamples } from './dev-platforms/flyio-token';
import { githubAppToken, samples as githubAppTokenSamples } from './dev-platforms/github-app-token';
import { githubFineGrainedPat, samples as githubFineGrainedPatSamples } from './dev-platforms/github-fine-grained-pat';
import { githubToken, samples as githubTokenSamples } from './dev-platforms/github-token';
import { gitlabRunnerToken, samples as gitlabRunnerTokenSamples } from './dev-platforms/gitlab-runner-token';
import { gitlabToken, samples as gitlabTokenSamples } from './dev-platforms/gitlab-token';
import { grafanaToken, samples as grafanaTokenSamples } from './dev-platforms/grafana-token';
import { hashicorpVaultToken, samples as hashicorpVaultTokenSamples } from './dev-platforms/hashicorp-vault-token';
import { herokuApiKey, samples as herokuApiKeySamples } from './dev-platforms/heroku-api-key';
import { infracostToken, samples as infracostTokenSamples } from './dev-platforms/infracost-token';
import { intra42ClientSecret, samples as intra42ClientSecretSamples } from './dev-platforms/intra42-client-secret';
import { linearApiKey, samples as linearApiKeySamples } from './dev-platforms/linear-api-key';
import { notionToken, samples as notionTokenSamples } from './dev-platforms/notion-token';
import { npmToken, samples as npmTokenSamples } from './dev-platforms/npm-token';
import { npmrcAuthToken, samples as npmrcAuthTokenSamples } from './dev-platforms/npmrc-auth-token';
import { octopusDeployKey, samples as octopusDeployKeySamples } from './dev-platforms/octopus-deploy-key';
import { onepasswordSecretKey, samples as onepasswordSecretKeySamples } from './dev-platforms/onepassword-secret-key';
import { onepasswordToken, samples as onepasswordTokenSamples } from './dev-platforms/onepassword-token';
import { openshiftToken, samples as openshiftTokenSamples } from './dev-platforms/openshift-token';
import { postmanApiKey, samples as postmanApiKeySamples } from './dev-platforms/postman-api-key';
import { prefectToken, samples as prefectTokenSamples } from './dev-platforms/prefect-token';
import { pulumiToken, samples as pulumiTokenSamples } from './dev-platforms/pulumi-token';
import { pypiToken, samples as pypiTokenSamples } from './dev-platforms/pypi-token';
import { readmeToken, samples as readmeTokenSamples } from './dev-platforms/readme-token';
import { scalingoToken, samples as scalingoTokenSamples } from './dev-platforms/scalingo-token';
import { sentryToken, samples as sentryTokenSamples } from './dev-platforms/sentry-token';
import { shopifyToken, samples as shopifyTokenSamples } from './dev-platforms/shopify-token';
import { sourcegraphToken, samples as sourcegraphTokenSamples } from './dev-platforms/sourcegraph-token';
import { tailscaleKey, samples as tailscaleKeySamples } from './dev-platforms/tailscale-key';
import { terraformCloudToken, samples as terraformCloudTokenSamples } from './dev-platforms/terraform-cloud-token';
import { vercelToken, samples as vercelTokenSamples } from './dev-platforms/vercel-token';
import { anthropicAdminKey, samples as anthropicAdminKeySamples } from './llm/anthropic-admin-key';
import { anthropicApiKey, samples as anthropicApiKeySamples } from './llm/anthropic-api-key';
import { anthropicOauthToken, samples as anthropicOauthTokenSamples } from './llm/anthropic-oauth-token';
import { deepseekApiKey, samples as deepseekApiKeySamples } from './llm/deepseek-api-key';
import { googleApiKey, samples as googleApiKeySamples } from './llm/google-api-key';
import { groqApiKey, samples as groqApiKeySamples } from './llm/groq-api-key';
import { huggingfaceOrgToken, samples as huggingfaceOrgTokenSamples } from './llm/huggingface-org-token';
import { huggingfaceToken, samples as huggingfaceTokenSamples } from './llm/huggingface-token';
import { langfuseSecretKey, samples as langfuseSecretKeySamples } from './llm/langfuse-secret-key';
import { langsmithApiKey, samples as langsmithApiKeySamples } from './llm/langsmith-api-key';
import { openaiApiKey, samples as openaiApiKeySamples } from './llm/openai-api-key';
import { openaiLegacyKey, samples as openaiLegacyKeySamples } from './llm/openai-legacy-key';
import { openaiProjectKey, samples as openaiProjectKeySamples } from './llm/openai-project-key';
import { openrouterApiKey, samples as openrouterApiKeySamples } from './llm/openrouter-api-key';
import { perplexityApiKey, samples as perplexityApiKeySamples } from './llm/perplexity-api-key';
import { pineconeApiKey, samples as pineconeApiKeySamples } from './llm/pinecone-api-key';
import { replicateApiToken, samples as replicateApiTokenSamples } from './llm/replicate-api-token';
import { tavilyApiKey, samples as tavilyApiKeySamples } from './llm/tavily-api-key';
import { xaiApiKey, samples as xaiApiKeySamples } from './llm/xai-api-key';
import { posthogPersonalKey, samples as posthogPersonalKeySamples } from './public-by-design/posthog-personal-key';
import { posthogProjectKey, samples as posthogProjectKeySamples } from './public-by-design/posthog-project-key';
import { gtmEnvironmentAuth, samples as gtmEnvironmentAuthSamples } from './public-by-design/gtm-environment-auth';
import { algoliaSearchKey, samples as algoliaSearchKeySamples } from './public-by-design/algolia-search-key';
import { mixpanelProjectToken, samples as mixpanelProjectTokenSamples } from './public-by-design/mixpanel-project-token';
import { sentryDsn, samples as sentryDsnSamples } from './public-by-design/sentry-dsn';
import { firebaseWebApiKey, samples as firebaseWebApiKeySamples } from './public-by-design/firebase-web-api-key';
import { firebaseStorageDownloadToken, samples as firebaseStorageDownloadTokenSamples } from './public-by-design/firebase-storage-download-token';
import { stripePublishableKey, samples as stripePublishableKeySamples } from './public-by-design/stripe-publishable-key';
import { discordBotToken, samples as discordBotTokenSamples } from './saas/discord-bot-token';
import { facebookAppAccessToken, samples as facebookAppAccessTokenSamples } from './saas/facebook-app-access-token';
import { facebookToken, samples as facebookTokenSamples } from './saas/facebook-token';
import { mailchimpApiKey, samples as mailchimpApiKeySamples } from './saas/mailchimp-api-key';
import { sendgridApiKey, samples as sendgridApiKeySamples } from './saas/sendgrid-api-key';
import { shopifyAdminToken, samples as shopifyAdminTokenSamples } from './saas/shopify-admin-token';
import { sidekiqCredentials, samples as sidekiqCredentialsSamples } from './saas/sidekiq-credentials';
import { slackAppLevelToken, samples as slackAppLevelTokenSamples } from './saas/slack-app-level-token';
import { slackToken, samples as slackTokenSamples } from './saas/slack-token';
import { slackWebhook, samples as slackWebhookSamples } from './saas/slack-webhook';
import { squareToken, samples as squareTokenSamples } from './saas/square-token';
import { stripeKey, samples as stripeKeySamples } from './saas/stripe-key';
import { telegramBotToken, samples as telegramBotTokenSamples } from './saas/telegram-bot-token';
import { twilioApiKey, samples as twilioApiKeySamples } from './saas/twilio-api-key';
import { webhookSigningSecret, samples as webhookSigningSecretSamples } from './saas/webhook-signing-secret';
import { authorizationToken, samples as authorizationTokenSamples } from './structural/authorization-token';
import { basicAuthHeader, samples as basicAuthHeaderSamples } from './structural/basic-auth-header';
import { bearerToken, samples as bearerTokenSamples } from './structural/bearer-token';
import { cliPassword, samples as cliPasswordSamples } from './structural/cli-password';
import { curlCredentials, samples as curlCredentialsSamples } from './structural/curl-credentials';
import { netrcPassword, samples as netrcPasswordSamples } from './structural/netrc-password';
import { redisPassword, samples as redisPasswordSamples } from './structural/redis-password';
import { securestringPassword, samples as securestringPasswordSamples } from './structural/securestring-password';
import { sqlPassword, samples as sqlPasswordSamples } from './structural/sql-password';
import { jwt, samples as jwtSamples } from './structural/jwt';
import { privateKey, samples as privateKeySamples } from './structural/private-key';
import { urlCredentials, samples as urlCredentialsSamples } from './structural/url-credentials';
import type { RuleModule } from './samples';

/**
 * Every pattern rule with its samples, in the order of ALL_RULES (rule-samples.test.ts checks both
 * lists hold the same rules). Only tests import this list: the samples stay out of the bundles,
 * where a packager's own secret scan would read their placeholders as keys.
 */
export const RULE_MODULES: readonly RuleModule[] = [
  // llm
  { rule: openaiProjectKey, samples: openaiProjectKeySamples },
  { rule: openaiApiKey, samples: openaiApiKeySamples },
  { rule: openaiLegacyKey, samples: openaiLegacyKeySamples },
  { rule: anthropicApiKey, samples: anthropicApiKeySamples },
  { rule: anthropicAdminKey, samples: anthropicAdminKeySamples },
  { rule: anthropicOauthToken, samples: anthropicOauthTokenSamples },
  { rule: openrouterApiKey, samples: openrouterApiKeySamples },
  { rule: deepseekApiKey, samples: deepseekApiKeySamples },
  { rule: googleApiKey, samples: googleApiKeySamples },
  { rule: huggingfaceToken, samples: huggingfaceTokenSamples },
  { rule: huggingfaceOrgToken, samples: huggingfaceOrgTokenSamples },
  { rule: groqApiKey, samples: groqApiKeySamples },
  { rule: replicateApiToken, samples: replicateApiTokenSamples },
  { rule: perplexityApiKey, samples: perplexityApiKeySamples },
  { rule: xaiApiKey, samples: xaiApiKeySamples },
  { rule: langsmithApiKey, samples: langsmithApiKeySamples },
  { rule: pineconeApiKey, samples: pineconeApiKeySamples },
  { rule: tavilyApiKey, samples: tavilyApiKeySamples },
  { rule: langfuseSecretKey, samples: langfuseSecretKeySamples },
  // cloud
  { rule: awsAccessKeyId, samples: awsAccessKeyIdSamples },
  { rule: awsBedrockApiKey, samples: awsBedrockApiKeySamples },
  { rule: azureAdClientSecret, samples: azureAdClientSecretSamples },
  { rule: azureStorageKey, samples: azureStorageKeySamples },
  { rule: cloudflareApiKey, samples: cloudflareApiKeySamples },
  { rule: cloudflareOriginCaKey, samples: cloudflareOriginCaKeySamples },
  { rule: digitaloceanToken, samples: digitaloceanTokenSamples },
  { rule: alibabaAccessKeyId, samples: alibabaAccessKeyIdSamples },
  { rule: clickhouseCloudKey, samples: clickhouseCloudKeySamples },
  // dev-platforms
  { rule: githubToken, samples: githubTokenSamples },
  { rule: githubAppToken, samples: githubAppTokenSamples },
  { rule: githubFineGrainedPat, samples: githubFineGrainedPatSamples },
  { rule: gitlabToken, samples: gitlabTokenSamples },
  { rule: gitlabRunnerToken, samples: gitlabRunnerTokenSamples },
  { rule: npmToken, samples: npmTokenSamples },
  { rule: npmrcAuthToken, samples: npmrcAuthTokenSamples },
  { rule: pypiToken, samples: pypiTokenSamples },
  { rule: dockerHubToken, samples: dockerHubTokenSamples },
  { rule: sourcegraphToken, samples: sourcegraphTokenSamples },
  { rule: vercelToken, samples: vercelTokenSamples },
  { rule: linearApiKey, samples: linearApiKeySamples },
  { rule: hashicorpVaultToken, samples: hashicorpVaultTokenSamples },
  { rule: terraformCloudToken, samples: terraformCloudTokenSamples },
  { rule: pulumiToken, samples: pulumiTokenSamples },
  { rule: sentryToken, samples: sentryTokenSamples },
  { rule: shopifyToken, samples: shopifyTokenSamples },
  { rule: databricksToken, samples: databricksTokenSamples },
  { rule: grafanaToken, samples: grafanaTokenSamples },
  { rule: notionToken, samples: notionTokenSamples },
  { rule: tailscaleKey, samples: tailscaleKeySamples },
  { rule: flyioToken, samples: flyioTokenSamples },
  { rule: onepasswordToken, samples: onepasswordTokenSamples },
  { rule: onepasswordSecretKey, samples: onepasswordSecretKeySamples },
  { rule: ageSecretKey, samples: ageSecretKeySamples },
  { rule: herokuApiKey, samples: herokuApiKeySamples },
  { rule: figmaToken, samples: figmaTokenSamples },
  { rule: artifactoryToken, samples: artifactoryTokenSamples },
  { rule: artifactoryApiKey, samples: artifactoryApiKeySamples },
  { rule: prefectToken, samples: prefectTokenSamples },
  { rule: readmeToken, samples: readmeTokenSamples },
  { rule: postmanApiKey, samples: postmanApiKeySamples },
  { rule: dopplerToken, samples: dopplerTokenSamples },
  { rule: infracostToken, samples: infracostTokenSamples },
  { rule: octopusDeployKey, samples: octopusDeployKeySamples },
  { rule: scalingoToken, samples: scalingoTokenSamples },
  { rule: openshiftToken, samples: openshiftTokenSamples },
  { rule: easypostToken, samples: easypostTokenSamples },
  { rule: intra42ClientSecret, samples: intra42ClientSecretSamples },
  // saas
  { rule: slackToken, samples: slackTokenSamples },
  { rule: slackAppLevelToken, samples: slackAppLevelTokenSamples },
  { rule: slackWebhook, samples: slackWebhookSamples },
  { rule: stripeKey, samples: stripeKeySamples },
  { rule: webhookSigningSecret, samples: webhookSigningSecretSamples },
  { rule: sendgridApiKey, samples: sendgridApiKeySamples },
  { rule: twilioApiKey, samples: twilioApiKeySamples },
  { rule: mailchimpApiKey, samples: mailchimpApiKeySamples },
  { rule: discordBotToken, samples: discordBotTokenSamples },
  { rule: telegramBotToken, samples: telegramBotTokenSamples },
  { rule: facebookToken, samples: facebookTokenSamples },
  { rule: facebookAppAccessToken, samples: facebookAppAccessTokenSamples },
  { rule: squareToken, samples: squareTokenSamples },
  { rule: sidekiqCredentials, samples: sidekiqCredentialsSamples },
  { rule: shopifyAdminToken, samples: shopifyAdminTokenSamples },
  // structural
  { rule: jwt, samples: jwtSamples },
  { rule: privateKey, samples: privateKeySamples },
  { rule: urlCredentials, samples: urlCredentialsSamples },
  { rule: bearerToken, samples: bearerTokenSamples },
  { rule: authorizationToken, samples: authorizationTokenSamples },
  { rule: basicAuthHeader, samples: basicAuthHeaderSamples },
  { rule: curlCredentials, samples: curlCredentialsSamples },
  { rule: sqlPassword, samples: sqlPasswordSamples },
  { rule: netrcPassword, samples: netrcPasswordSamples },
  { rule: redisPassword, samples: redisPasswordSamples },
  { rule: securestringPassword, samples: securestringPasswordSamples },
  { rule: cliPassword, samples: cliPasswordSamples },
  ...contextRules.map((rule, i) => ({ rule, samples: contextSamples(CONTEXT_PROVIDERS[i]!) })),
  // public-by-design
  { rule: posthogProjectKey, samples: posthogProjectKeySamples },
  { rule: posthogPersonalKey, samples: posthogPersonalKeySamples },
  { rule: stripePublishableKey, samples: stripePublishableKeySamples },
  { rule: sentryDsn, samples: sentryDsnSamples },
  { rule: firebaseWebApiKey, samples: firebaseWebApiKeySamples },
  { rule: gtmEnvironmentAuth, samples: gtmEnvironmentAuthSamples },
  { rule: algoliaSearchKey, samples: algoliaSearchKeySamples },
  { rule: firebaseStorageDownloadToken, samples: firebaseStorageDownloadTokenSamples },
  { rule: mixpanelProjectToken, samples: mixpanelProjectTokenSamples },
];

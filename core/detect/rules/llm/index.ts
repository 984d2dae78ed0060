import type { PatternRule } from '../rule';
import { anthropicAdminKey } from './anthropic-admin-key';
import { anthropicApiKey } from './anthropic-api-key';
import { anthropicOauthToken } from './anthropic-oauth-token';
import { deepseekApiKey } from './deepseek-api-key';
import { googleApiKey } from './google-api-key';
import { groqApiKey } from './groq-api-key';
import { huggingfaceOrgToken } from './huggingface-org-token';
import { huggingfaceToken } from './huggingface-token';
import { langfuseSecretKey } from './langfuse-secret-key';
import { langsmithApiKey } from './langsmith-api-key';
import { openaiApiKey } from './openai-api-key';
import { openaiLegacyKey } from './openai-legacy-key';
import { openaiProjectKey } from './openai-project-key';
import { openrouterApiKey } from './openrouter-api-key';
import { perplexityApiKey } from './perplexity-api-key';
import { pineconeApiKey } from './pinecone-api-key';
import { replicateApiToken } from './replicate-api-token';
import { tavilyApiKey } from './tavily-api-key';
import { xaiApiKey } from './xai-api-key';

/** Keys of model providers: the credentials an LLM project is most likely to paste into a prompt. */
export const llmRules: PatternRule[] = [openaiProjectKey, openaiApiKey, openaiLegacyKey, anthropicApiKey, anthropicAdminKey, anthropicOauthToken, openrouterApiKey, deepseekApiKey, googleApiKey, huggingfaceToken, huggingfaceOrgToken, groqApiKey, replicateApiToken, perplexityApiKey, xaiApiKey, langsmithApiKey, pineconeApiKey, tavilyApiKey, langfuseSecretKey];

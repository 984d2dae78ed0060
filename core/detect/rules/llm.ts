import { B, E, rule, type PatternRule } from './rule';
import { minEntropy, shannonEntropy } from '../judge/entropy';

/** Keys of model providers: the credentials an LLM project is most likely to paste into a prompt. */

// Random bodies have high per-character entropy; words and fillers do not.
const random = minEntropy;

export const llmRules: PatternRule[] = [
  rule({
    id: 'secret/openai-api-key',
    title: 'OpenAI API key',
    envVar: 'OPENAI_API_KEY',
    anchors: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'],
    pattern: new RegExp(`${B}(?<v>sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,300})${E}`),
    // Current OpenAI keys embed "T3BlbkFJ" (base64 of "OpenAI"); without it the shape is still distinctive.
    // Without the marker only the long current format (150+ characters) is distinctive enough.
    validate: (v) => (v.includes('T3BlbkFJ') ? 0.99 : v.length >= 100 && shannonEntropy(v) >= 4 ? 0.85 : null),
  }),
  rule({
    id: 'secret/openai-api-key',
    title: 'OpenAI API key',
    envVar: 'OPENAI_API_KEY',
    anchors: ['sk-'],
    pattern: new RegExp(`${B}(?<v>sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${E}`),
    confidence: 0.99,
  }),
  rule({
    id: 'secret/openai-api-key',
    title: 'OpenAI API key (legacy format)',
    envVar: 'OPENAI_API_KEY',
    anchors: ['sk-'],
    pattern: new RegExp(`${B}(?<v>sk-[A-Za-z0-9]{48})${E}`),
    confidence: 0.7,
    validate: random(4.2),
  }),
  rule({
    id: 'secret/anthropic-api-key',
    title: 'Anthropic API key',
    envVar: 'ANTHROPIC_API_KEY',
    anchors: ['sk-ant-api'],
    // Anthropic keys end in "AA"; without it the string is not one.
    pattern: new RegExp(`${B}(?<v>sk-ant-api\\d{2}-[A-Za-z0-9_-]{80,120}AA)${E}`),
    validate: random(3.5),
  }),
  rule({
    id: 'secret/anthropic-admin-key',
    title: 'Anthropic admin key',
    envVar: 'ANTHROPIC_ADMIN_KEY',
    anchors: ['sk-ant-admin'],
    pattern: new RegExp(`${B}(?<v>sk-ant-admin\\d{2}-[A-Za-z0-9_-]{80,120}AA)${E}`),
    validate: random(3.5),
  }),
  rule({
    id: 'secret/anthropic-api-key',
    title: 'Anthropic OAuth or session token',
    envVar: 'ANTHROPIC_API_KEY',
    anchors: ['sk-ant-oat', 'sk-ant-ort', 'sk-ant-sid'],
    pattern: new RegExp(`${B}(?<v>sk-ant-(?:oat|ort|sid)\\d{2}-[A-Za-z0-9_-]{80,200})${E}`),
  }),
  rule({
    id: 'secret/openrouter-api-key',
    title: 'OpenRouter API key',
    envVar: 'OPENROUTER_API_KEY',
    anchors: ['sk-or-v1-'],
    pattern: new RegExp(`${B}(?<v>sk-or-v1-[a-f0-9]{64})${E}`),
    confidence: 0.98,
  }),
  rule({
    id: 'secret/deepseek-api-key',
    title: 'DeepSeek API key',
    envVar: 'DEEPSEEK_API_KEY',
    anchors: ['sk-'],
    pattern: new RegExp(`${B}(?<v>sk-[a-f0-9]{32})${E}`),
    confidence: 0.7,
    validate: random(3.2),
  }),
  rule({
    id: 'secret/google-api-key',
    title: 'Google API key (Gemini, Maps, Firebase)',
    envVar: 'GEMINI_API_KEY',
    anchors: ['AIza'],
    pattern: new RegExp(`${B}(?<v>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])`),
    validate: random(3.5),
  }),
  rule({
    id: 'secret/huggingface-token',
    title: 'Hugging Face access token',
    envVar: 'HF_TOKEN',
    anchors: ['hf_'],
    pattern: new RegExp(`${B}(?<v>hf_[A-Za-z]{34})${E}`),
    validate: random(3.5),
  }),
  rule({
    id: 'secret/huggingface-token',
    title: 'Hugging Face organization token',
    envVar: 'HF_TOKEN',
    anchors: ['api_org_'],
    pattern: new RegExp(`${B}(?<v>api_org_[A-Za-z]{34})${E}`),
    validate: random(3.5),
  }),
  rule({
    id: 'secret/groq-api-key',
    title: 'Groq API key',
    envVar: 'GROQ_API_KEY',
    anchors: ['gsk_'],
    pattern: new RegExp(`${B}(?<v>gsk_[A-Za-z0-9]{52})${E}`),
    validate: random(3.8),
  }),
  rule({
    id: 'secret/replicate-api-token',
    title: 'Replicate API token',
    envVar: 'REPLICATE_API_TOKEN',
    anchors: ['r8_'],
    pattern: new RegExp(`${B}(?<v>r8_[A-Za-z0-9]{37})${E}`),
    validate: random(3.8),
  }),
  rule({
    id: 'secret/perplexity-api-key',
    title: 'Perplexity API key',
    envVar: 'PERPLEXITY_API_KEY',
    anchors: ['pplx-'],
    pattern: new RegExp(`${B}(?<v>pplx-[A-Za-z0-9]{48})${E}`),
    validate: random(3.8),
  }),
  rule({
    id: 'secret/xai-api-key',
    title: 'xAI API key',
    envVar: 'XAI_API_KEY',
    anchors: ['xai-'],
    pattern: new RegExp(`${B}(?<v>xai-[A-Za-z0-9]{80})${E}`),
    validate: random(4),
  }),
  rule({
    id: 'secret/langsmith-api-key',
    title: 'LangSmith API key',
    envVar: 'LANGSMITH_API_KEY',
    anchors: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: new RegExp(`${B}(?<v>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})${E}`),
    confidence: 0.98,
  }),
  rule({
    id: 'secret/pinecone-api-key',
    title: 'Pinecone API key',
    envVar: 'PINECONE_API_KEY',
    anchors: ['pcsk_'],
    pattern: new RegExp(`${B}(?<v>pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{50,90})${E}`),
    validate: random(3.8),
  }),
  rule({
    id: 'secret/tavily-api-key',
    title: 'Tavily API key',
    envVar: 'TAVILY_API_KEY',
    anchors: ['tvly-'],
    pattern: new RegExp(`${B}(?<v>tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})${E}`),
    validate: random(3.8),
  }),
  rule({
    // LLM tracing: the secret half of a Langfuse key pair (the `pk-lf-` half is public).
    id: 'secret/langfuse-secret-key',
    title: 'Langfuse secret key',
    envVar: 'LANGFUSE_SECRET_KEY',
    anchors: ['sk-lf-'],
    pattern: new RegExp(`${B}(?<v>sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${E}`),
    confidence: 0.95,
  }),
];

/** Google Gemini API keys (API Keys API v2, service-account authorised): provider and check. */
export { geminiProvider, type GeminiOptions } from './provider';
export { checkGeminiKey } from './check';

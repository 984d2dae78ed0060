/** Google Gemini API keys (API Keys API v2, service-account authorised); checked by the `gemini` live preset. */
export { geminiProvider, type GeminiOptions } from './provider';
export { definition } from './definition';

/** The stream-safe redacting proxy for OpenAI and Anthropic model traffic. */
export { createRedactingProxy, type ProxyOptions, type ProxyStats } from './server';
export { SseParser, formatEvent, type SseEvent } from './sse';
export { SseRedactor } from './streams';
export { type RequestTiming } from './timing';
export { redactJsonText, redactJsonValue } from './json';

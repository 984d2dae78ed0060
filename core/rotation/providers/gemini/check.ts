import type { CheckResult } from '../../verify';

/** The Gemini API's base URL; the environment may move it for tests, a policy never can. */
export const geminiBase = (env: NodeJS.ProcessEnv): string => (env.ROTATION_GUARD_GEMINI_BASE_URL ?? 'https://generativelanguage.googleapis.com').replace(/\/$/, '');

/**
 * models.list with the key in the `x-goog-api-key` header (never in the URL, which ends up in
 * access logs): read-only and free. A deleted or unknown key is 400 with reason API_KEY_INVALID;
 * a key blocked for this API is 403. Anything else (5xx, network) proves nothing.
 * https://ai.google.dev/api/models#method:-models.list
 * https://ai.google.dev/gemini-api/docs/troubleshooting
 */
export async function checkGeminiKey(value: string, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const url = `${geminiBase(env)}/v1beta/models?pageSize=1`;
  try {
    const res = await fetch(url, { headers: { 'x-goog-api-key': value }, signal: AbortSignal.timeout(15000), redirect: 'error' });
    const body = await res.text().catch(() => '');
    if (res.ok) return { status: 'works', detail: `Gemini models.list answered ${res.status}` };
    const reason = /"reason"\s*:\s*"([A-Z_]+)"/.exec(body)?.[1];
    if (res.status === 401 || res.status === 403 || (res.status === 400 && reason === 'API_KEY_INVALID')) return { status: 'refused', detail: `Gemini models.list answered ${res.status}${reason ? ` ${reason}` : ''}` };
    return { status: 'error', detail: `Gemini models.list answered ${res.status}${reason ? ` ${reason}` : ''}` };
  } catch (err) {
    return { status: 'error', detail: `Gemini: ${(err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message}` };
  }
}

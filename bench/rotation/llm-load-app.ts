// An app calling an LLM API at a fixed rate (open loop) for the dual-key live bench and its test
// (bundled to out/bench/rotation/llm-load-app.js, started under `rotation-guard run --watch`).
// Each request: POST {LOAD_URL}/openai/deployments/d/chat/completions with header `api-key`.
// The key comes from its environment and is re-read from ROTATION_GUARD_ENV_FILE on SIGHUP; a 401
// re-reads once and retries (counted as retried). Never prints a key.
//   LOAD_URL  LOAD_RATE (req/s)  LOAD_KEY_VAR (default AZURE_OPENAI_API_KEY)  LOAD_OUT (JSON results)
import { readFileSync } from 'node:fs';
import { readEnvValue } from '../../core/stores';
import { runOpenLoop } from './open-loop';

const url = `${process.env.LOAD_URL}/openai/deployments/d/chat/completions?api-version=2024-10-21`;
const rate = Number(process.env.LOAD_RATE ?? 100);
const keyVar = process.env.LOAD_KEY_VAR ?? 'AZURE_OPENAI_API_KEY';
let key = process.env[keyVar] ?? '';
const reread = () => {
  const v = readEnvValue(readFileSync(process.env.ROTATION_GUARD_ENV_FILE!, 'utf8'), keyVar);
  if (v) key = v;
};
process.on('SIGHUP', reread);

const call = async (k: string) => {
  const r = await fetch(url, { method: 'POST', headers: { 'api-key': k, 'content-type': 'application/json' }, body: '{"messages":[{"role":"user","content":"ping"}]}', signal: AbortSignal.timeout(5000) });
  await r.arrayBuffer();
  return r.status;
};

runOpenLoop(rate, { rate }, async () => {
  try {
    let status = await call(key);
    let retried = false;
    if (status === 401) {
      retried = true;
      reread();
      status = await call(key);
    }
    return status === 200 ? { outcome: retried ? 1 : 0 } : { outcome: 2, error: `HTTP ${status}` };
  } catch (err) {
    return { outcome: 2, error: (err as Error).name };
  }
});

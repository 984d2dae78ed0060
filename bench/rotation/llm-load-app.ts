// An app calling an LLM API at a fixed rate (open loop) for the dual-key live bench and its test
// (bundled to out/bench/rotation/llm-load-app.js, started under `rotation-guard run --watch`).
// Each request: POST {LOAD_URL}/openai/deployments/d/chat/completions with header `api-key`.
// The key comes from its environment and is re-read from ROTATION_GUARD_ENV_FILE on SIGHUP; a 401
// re-reads once and retries (counted as retried). Never prints a key.
//   LOAD_URL  LOAD_RATE (req/s)  LOAD_KEY_VAR (default AZURE_OPENAI_API_KEY)  LOAD_OUT (JSON results)
import { readFileSync, writeFileSync } from 'node:fs';
import { readEnvValue } from '../../core/stores';

const url = `${process.env.LOAD_URL}/openai/deployments/d/chat/completions?api-version=2024-10-21`;
const rate = Number(process.env.LOAD_RATE ?? 100);
const keyVar = process.env.LOAD_KEY_VAR ?? 'AZURE_OPENAI_API_KEY';
let key = process.env[keyVar] ?? '';
const reread = () => {
  const v = readEnvValue(readFileSync(process.env.ROTATION_GUARD_ENV_FILE!, 'utf8'), keyVar);
  if (v) key = v;
};
process.on('SIGHUP', reread);

// [start ms, latency ms, 0 ok | 1 ok after a retry | 2 failed]
const results: Array<[number, number, number]> = [];
const errors: Record<string, number> = {};
let inflight = 0;
const call = async (k: string) => {
  const r = await fetch(url, { method: 'POST', headers: { 'api-key': k, 'content-type': 'application/json' }, body: '{"messages":[{"role":"user","content":"ping"}]}', signal: AbortSignal.timeout(5000) });
  await r.arrayBuffer();
  return r.status;
};

async function request(): Promise<void> {
  const t0 = Date.now();
  const h0 = process.hrtime.bigint();
  inflight++;
  let outcome = 0;
  try {
    let status = await call(key);
    if (status === 401) {
      outcome = 1;
      reread();
      status = await call(key);
    }
    if (status !== 200) {
      outcome = 2;
      errors[`HTTP ${status}`] = (errors[`HTTP ${status}`] ?? 0) + 1;
    }
  } catch (err) {
    outcome = 2;
    const m = (err as Error).name;
    errors[m] = (errors[m] ?? 0) + 1;
  }
  inflight--;
  results.push([t0, Number(process.hrtime.bigint() - h0) / 1e6, outcome]);
}

const began = Date.now();
let issued = 0;
const timer = setInterval(() => {
  const due = Math.floor(((Date.now() - began) * rate) / 1000);
  for (; issued < due; issued++) void request();
}, 5);
console.log(JSON.stringify({ event: 'load-started', rate }));

function finish(): void {
  clearInterval(timer);
  const deadline = Date.now() + 10000;
  const wait = setInterval(() => {
    if (inflight > 0 && Date.now() < deadline) return;
    clearInterval(wait);
    writeFileSync(process.env.LOAD_OUT!, JSON.stringify({ results, errors }));
    process.exit(0);
  }, 20);
}
process.on('SIGTERM', finish);
process.on('SIGINT', finish);

// The request loop both load apps share (load-app.ts: databases; llm-load-app.ts: an LLM API).
// Open loop on the wall clock at `rate` requests/s: each tick issues every request that is due by
// now, so a slow or failed request never delays the next and timer drift on a busy machine does not
// lower the rate. On SIGTERM/SIGINT it waits (up to 10 s) for requests in flight, writes
// `{results, errors}` to LOAD_OUT and exits.
import { writeFileSync } from 'node:fs';

/** ok, ok after one retry, or failed with a short reason (never a credential). */
export type Attempt = { outcome: 0 | 1 } | { outcome: 2; error: string };

export function runOpenLoop(rate: number, started: Record<string, unknown>, attempt: () => Promise<Attempt>): void {
  // [start ms since epoch, latency ms, 0 ok | 1 ok after a retry | 2 failed]
  const results: Array<[number, number, number]> = [];
  const errors: Record<string, number> = {};
  let inflight = 0;

  async function request(): Promise<void> {
    const t0 = Date.now();
    const h0 = process.hrtime.bigint();
    inflight++;
    const a = await attempt();
    if (a.outcome === 2) errors[a.error] = (errors[a.error] ?? 0) + 1;
    inflight--;
    results.push([t0, Number(process.hrtime.bigint() - h0) / 1e6, a.outcome]);
  }

  const began = Date.now();
  let issued = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - began) * rate) / 1000);
    for (; issued < due; issued++) void request();
  }, 5);
  console.log(JSON.stringify({ event: 'load-started', ...started }));

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
}

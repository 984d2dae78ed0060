import { join } from 'node:path';
import { runToEnd } from './processes';

export interface StoreOp {
  op: 'get' | 'set' | 'delete';
  ref: { type: string; [k: string]: unknown };
  baseDir?: string;
  secretId: string;
  stage: 'current' | 'pending' | 'previous';
  value?: string;
}

/** Runs store operations in a child process with `env` (see workers/store-op.ts for why). */
export async function storeOps(env: NodeJS.ProcessEnv, ops: StoreOp[], workerDir: string): Promise<Array<{ value?: string | null; error?: string; deleted?: boolean }>> {
  const r = await runToEnd(process.execPath, [join(workerDir, 'store-op.js')], { env, input: JSON.stringify(ops), timeoutMs: 30000 });
  if (r.code !== 0) throw new Error(`store worker exited ${r.code}: ${r.stderr.slice(-300)}`);
  const res = JSON.parse(r.stdout) as Array<{ value?: string | null; error?: string; deleted?: boolean }>;
  for (const x of res) if (x.error) throw new Error(`store worker: ${x.error}`);
  return res;
}

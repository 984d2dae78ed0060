// The dual-key live bench (bundled to out/bench/rotation/dual-key-live.js; driven by
// bench/llm-dual-key.bench.mjs and test/integration/providers/dual-key-live.test.ts): an app under
// `rotation-guard run --watch` calls the Azure OpenAI stand-in at a fixed rate while its key
// rotates N times with the dual-key strategy (the other key regenerated and promoted, the apps
// told, then after the grace period the key they left regenerated). Counts failed requests
// (target 0) and values seen in outputs or the ledger (target 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { confirmPolicyFile } from '../../core/rotation';
import { AzureStandIn } from '../../test/helpers/standins/azure';

// This module is bundled into the bench and into a test, so paths start from the repository root.
const root = ((d: string): string => {
  while (!existsSync(join(d, 'package.json')) && dirname(d) !== d) d = dirname(d);
  return d;
})(__dirname);
const CLI = join(root, 'dist/cli.js');
const APP = join(root, 'out/bench/rotation/llm-load-app.js');

export interface DualKeyFigures {
  requests: number;
  failed: number;
  retried: number;
  rateAchieved: number;
  rotations: number;
  rotateFailures: number;
  /** Wall time of each `rotate --wait` (grace included). */
  rotateMs: number[];
  leakedInOutput: number;
  seconds: number;
  errors: Record<string, number>;
}

function runCli(dir: string, env: NodeJS.ProcessEnv, args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, done: new Promise((r) => child.on('close', (code) => r({ code, out }))) };
}

export async function runDualKeyBench(o: { rotations: number; rate: number; grace?: string; log?: (s: string) => void }): Promise<DualKeyFigures> {
  const z = await new AzureStandIn().start();
  const dir = mkdtempSync(join(tmpdir(), 'rg-dual-'));
  try {
    const policyPath = join(dir, 'rotation-policy.yaml');
    writeFileSync(
      policyPath,
      `version: 1
stores:
  app: { type: env-file, path: .env }
  admin: { type: env-file, path: .env.admin, var: AZURE_CLIENT_SECRET }
providers:
  aoai: { type: azure-openai, subscriptionId: ${z.subscriptionId}, resourceGroup: ${z.resourceGroup}, account: ${z.account}, tenantId: ${z.tenantId}, clientId: ${z.clientId}, clientSecret: azure-sp }
secrets:
  - id: aoai-key
    kind: api-key
    owner: machine
    maxAge: 30d
    gracePeriod: ${o.grace ?? '2s'}
    stores: [app]
    rotation: { provider: aoai }
    references: { env: [AZURE_OPENAI_API_KEY] }
  - id: azure-sp
    kind: password
    owner: machine
    maxAge: 90d
    stores: [admin]
`,
    );
    writeFileSync(join(dir, '.env'), `AZURE_OPENAI_API_KEY=${z.key1}\n`, { mode: 0o600 });
    writeFileSync(join(dir, '.env.admin'), `AZURE_CLIENT_SECRET=${z.clientSecret}\n`, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, '.config'), ROTATION_GUARD_AZURE_BASE_URL: z.url, ROTATION_GUARD_AZURE_LOGIN_BASE_URL: z.url, ROTATION_GUARD_AZURE_OPENAI_BASE_URL: z.url };
    delete env.ROTATION_GUARD_TEST_PAUSE_AT;
    confirmPolicyFile(policyPath, env);
    const known = new Set<string>([z.key1, z.key2, z.clientSecret]);
    const outFile = join(dir, 'load.json');
    const runner = runCli(dir, { ...env, LOAD_URL: z.url, LOAD_RATE: String(o.rate), LOAD_OUT: outFile }, ['run', '--only', 'aoai-key', '--watch', '--debounce', '300ms', '--', process.execPath, APP]);
    let early = '';
    runner.child.stderr!.on('data', (d: Buffer) => (early += d.toString()));
    await new Promise<void>((res, rej) => {
      const t = setTimeout(() => rej(new Error(`the load app did not start within 60 s: ${early.slice(-500)}`)), 60000);
      runner.child.stdout!.on('data', (d: Buffer) => d.toString().includes('load-started') && (clearTimeout(t), res()));
      runner.child.once('exit', (code) => (clearTimeout(t), rej(new Error(`run --watch exited ${code}: ${early.slice(-500)}`))));
    });
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    const outputs: string[] = [];
    const rotateMs: number[] = [];
    let rotateFailures = 0;
    for (let i = 0; i < o.rotations; i++) {
      const start = Date.now();
      const r = await runCli(dir, env, ['rotate', 'aoai-key', '--wait']).done;
      rotateMs.push(Date.now() - start);
      outputs.push(r.out);
      if (r.code !== 0) {
        rotateFailures++;
        o.log?.(`rotate #${i + 1} exited ${r.code}: ${r.out.slice(-300)}`);
      }
      known.add(z.key1).add(z.key2);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const seconds = (Date.now() - t0) / 1000;
    process.kill(runner.child.pid!, 'SIGTERM');
    outputs.push((await runner.done).out);
    const { results, errors } = JSON.parse(readFileSync(outFile, 'utf8')) as { results: Array<[number, number, number]>; errors: Record<string, number> };
    const texts = [...outputs, readFileSync(join(dir, '.rotation/ledger.jsonl'), 'utf8')];
    return {
      requests: results.length,
      failed: results.filter((r) => r[2] === 2).length,
      retried: results.filter((r) => r[2] === 1).length,
      rateAchieved: results.filter((r) => r[0] >= t0).length / seconds,
      rotations: o.rotations,
      rotateFailures,
      rotateMs,
      leakedInOutput: [...known].filter((v) => texts.some((t) => t.includes(v))).length,
      seconds,
      errors,
    };
  } finally {
    await z.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The rotation benchmark's body (bundled into out/bench/rotation/harness.js; bench/rotation.bench.mjs
// drives it). It starts its own gnome-keyring and PostgreSQL with the test harness.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadPolicyFile, type Policy } from '../../core/policy';
import { verifyLedger, ledgerPathFor, appendLedgerEntry } from '../../core/ledger';
import { createPolicyStoreRegistry, pendingRotations, rotate as rotateService, trustToConfirm, type StoreRegistry, pgLogin, scramSha256Verifier } from '../../core/rotation';
import { KeychainStore, EnvFileStore } from '../../core/stores';
import { startKeyring } from '../../test/helpers/system/keyring';
import { startPostgres, type SystemPostgres } from '../../test/helpers/system/postgres';
import { PAUSE_POINTS as STEPS } from '../../test/integration/faults/harness';
import { waitForFile } from '../../test/integration/rotation/wait-file';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ts);
}

interface Loaded {
  policy: Policy;
  path: string;
  text: string;
  stores: StoreRegistry;
}

function load(path: string): Loaded {
  const l = loadPolicyFile(path, { listFiles: false });
  if (!l.policy) throw new Error(`invalid bench policy: ${JSON.stringify(l.problems.slice(0, 3))}`);
  return { policy: l.policy, path, text: l.text, stores: createPolicyStoreRegistry(l.policy, path) };
}

async function rotate(l: Loaded, secretId: string, resume = false) {
  const t0 = process.hrtime.bigint();
  const log = process.env.RG_BENCH_PROFILE ? (line: string) => console.log(`    ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms ${line}`) : undefined;
  const target = { mode: resume ? 'resume' : 'rotate', policy: l.policy, policyPath: l.path, policyText: l.text, secretId, stores: l.stores, trust: { workspaceTrusted: true, confirmation: trustToConfirm(l.policy, l.path, l.text) } } as const;
  return rotateService(target, { event: (e) => e.kind === 'log' && log?.(e.message) });
}

export interface RotationBenchFigures {
  keychainSetGetMs: number;
  /** Parts of a rotation, for the breakdown: one fsynced ledger append, one env-file write. */
  ledgerAppendMs: number;
  envFileSetMs: number;
  generateRotationMs: number;
  pgConnectMs: number;
  pgRotationMs: number;
  faultRuns: number;
  faultNoWorkingCredential: number;
  faultLedgerInvalid: number;
  faultLeftOpen: number;
  faultResumedOutcomes: Record<string, number>;
}

export async function runRotationBench(opts: { iterations: number; faultRuns: number; log: (s: string) => void }): Promise<RotationBenchFigures> {
  const keyring = await startKeyring();
  // Before the first keyring call: the binding keeps the first bus connection it makes.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
  for (const k of ['HOME', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME'] as const) process.env[k] = keyring.env[k];
  let pg: SystemPostgres | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-rot-'));
  const verifier = createServer((req, res) => res.writeHead(/^Bearer rg_[A-Za-z0-9]{40}$/.test(req.headers.authorization ?? '') ? 200 : 401).end());
  try {
    pg = await startPostgres();
    await new Promise<void>((r) => verifier.listen(0, '127.0.0.1', r));
    const vport = (verifier.address() as { port: number }).port;
    const role = 'bench_app';
    const initial = randomBytes(18).toString('base64url');
    const admin = new Client({ connectionString: pg.adminConnectionString });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${admin.escapeLiteral(scramSha256Verifier(initial))}`);
    await admin.end();
    const service = `rg-bench-${randomBytes(4).toString('hex')}`;
    const path = join(dir, 'rotation-policy.yaml');
    writeFileSync(join(dir, '.env.admin'), `PG_ADMIN_URL=${pg.adminConnectionString}\n`, { mode: 0o600 });
    writeFileSync(path, `version: 1
stores:
  keychain: { type: keychain, service: ${service} }
  dotenv: { type: env-file, path: .env.local }
  admin-env: { type: env-file, path: .env.admin, var: PG_ADMIN_URL }
providers:
  random: { type: generate, length: 40, alphabet: alphanumeric, prefix: rg_ }
  pg: { type: postgres, host: 127.0.0.1, port: ${pg.port}, database: postgres, role: ${role}, adminConnection: pg-admin }
secrets:
  - { id: app-token, kind: token, owner: machine, maxAge: 30d, stores: [keychain, dotenv], rotation: { provider: random }, verification: { type: http, url: "http://127.0.0.1:${vport}/check", header: "Authorization: Bearer {{value}}" } }
  - { id: pg-app, kind: password, owner: machine, maxAge: 30d, stores: [keychain, dotenv], rotation: { provider: pg }, verification: { type: postgres }, references: { env: [DATABASE_PASSWORD] } }
  - { id: pg-admin, kind: connection-string, owner: human, stores: [admin-env] }
`);
    const l = load(path);
    const kc = new KeychainStore({ service });
    await kc.set('pg-app', 'current', initial);
    await kc.set('warmup', 'current', 'warmup-value-123456');
    await rotate(l, 'app-token'); // warm-up: first D-Bus connection, module loading

    const n = opts.iterations;
    const keychainSetGetMs = await timeIt(n, async () => {
      await kc.set('baseline', 'current', randomBytes(20).toString('hex'));
      await kc.get('baseline', 'current');
    });
    const scratch = join(dir, 'scratch', 'ledger.jsonl');
    const ledgerAppendMs = await timeIt(n, () => appendLedgerEntry(scratch, { secretId: 'bench', step: 'verify', outcome: 'ok' }));
    const envFile = new EnvFileStore({ path: '.env.scratch', name: 'SCRATCH', baseDir: dir });
    const envFileSetMs = await timeIt(n, () => envFile.set('bench', 'current', randomBytes(20).toString('hex')));
    const generateRotationMs = await timeIt(n, async () => {
      const r = await rotate(l, 'app-token');
      if (r.code !== 'rotated') throw new Error(`generate rotation: ${r.code} ${r.message}`);
    });
    const pgConnectMs = await timeIt(n, async () => {
      const cur = await kc.get('pg-app', 'current');
      if ((await pgLogin({ host: pg!.host, port: pg!.port, database: 'postgres', user: role, password: cur! })).status !== 'works') throw new Error('baseline login failed');
    });
    const pgRotationMs = await timeIt(n, async () => {
      const r = await rotate(l, 'pg-app');
      if (r.code !== 'rotated') throw new Error(`pg rotation: ${r.code} ${r.message}`);
    });
    opts.log(`timed ${n} iterations each`);

    // Fault injection: a worker process rotates pg-app and blocks at a random step; SIGKILL it,
    // resume here, and check that a working credential is current.
    const worker = join(__dirname, 'rotate-worker.js');
    const marker = join(dir, 'paused.marker');
    const outcomes: Record<string, number> = {};
    let noWorking = 0;
    let leftOpen = 0;
    let ledgerInvalid = 0;
    for (let i = 0; i < opts.faultRuns; i++) {
      const point = STEPS[Math.floor(Math.random() * STEPS.length)]!;
      rmSync(marker, { force: true });
      const child = spawn(process.execPath, [worker, path, 'pg-app'], { env: { ...process.env, ROTATION_GUARD_TEST_PAUSE_AT: point, ROTATION_GUARD_TEST_PAUSE_MARKER: marker }, stdio: 'ignore', detached: true });
      const paused = await waitForFile(marker, 30000, child).then(() => true, () => false);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* exited */
      }
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
      if (!paused) throw new Error(`worker never reached ${point}`);
      const r = await rotate(l, 'pg-app', true);
      outcomes[r.code] = (outcomes[r.code] ?? 0) + 1;
      const cur = await kc.get('pg-app', 'current');
      if (!cur || (await pgLogin({ host: pg.host, port: pg.port, database: 'postgres', user: role, password: cur })).status !== 'works') noWorking++;
      if (pendingRotations(path).length) leftOpen++;
      if ((i + 1) % 25 === 0) opts.log(`fault runs: ${i + 1}/${opts.faultRuns}`);
    }
    if (!verifyLedger(ledgerPathFor(path)).ok) ledgerInvalid++;
    return { keychainSetGetMs, ledgerAppendMs, envFileSetMs, generateRotationMs, pgConnectMs, pgRotationMs, faultRuns: opts.faultRuns, faultNoWorkingCredential: noWorking, faultLedgerInvalid: ledgerInvalid, faultLeftOpen: leftOpen, faultResumedOutcomes: outcomes };
  } finally {
    verifier.close();
    await pg?.stop();
    await keyring.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

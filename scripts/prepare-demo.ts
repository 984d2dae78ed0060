/**
 * Turns the committed demo TEMPLATE (`demo/`, markers only) into a live workspace:
 *   - every `@@FAKE_<KIND>[_SUFFIX]@@` becomes a freshly generated fake credential of the right
 *     shape (the same marker gets the same value everywhere, so "the production key pasted into a
 *     prompt" really is the key in `.env`),
 *   - every `@@DAYS_AGO_<N>@@` becomes the date N days before `now`,
 *   - `.rotation/ledger.jsonl` is written through the real ledger API with past dates, so some
 *     secrets are overdue, one is due soon and one is fresh.
 *
 *   node out/scripts/prepare-demo.js --template demo --dest .demo-workspace [--now ISO]
 *
 * Prints a JSON summary that names markers and files, never values.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendLedgerEntry, ledgerPathFor, type RotationStep } from '../core/ledger';
import { keyedFingerprint, loadFingerprintKey } from '../core/values';
import { loadPolicyFile } from '../core/policy';
import { createPolicyStoreRegistry, envVarsOf } from '../core/rotation';
import { readEnvValue } from '../core/stores';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DAY = 86_400_000;

function chars(n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Marker kind → generator of a fake value in the provider's real shape. */
const GENERATORS: Array<[prefix: string, make: () => string]> = [
  ['OPENAI_KEY', () => `sk-proj-${chars(74, ALNUM + '_-')}T3BlbkFJ${chars(74, ALNUM + '_-')}`],
  ['ANTHROPIC_KEY', () => `sk-ant-api03-${chars(93, ALNUM + '_-')}AA`],
  ['LITELLM_MASTER_KEY', () => `sk-litellm-${chars(40)}`],
  ['PG_PASSWORD', () => chars(28)],
];

export interface PrepareOptions {
  template: string;
  dest: string;
  now?: Date;
  env?: NodeJS.ProcessEnv;
  /** Also write each keychain-kept secret's current value into the keychain `env` reaches. */
  seedKeychain?: boolean;
}

export interface PrepareSummary {
  dest: string;
  markers: string[];
  filesWithMarkers: string[];
  ledger: string;
  ledgerEntries: number;
  /** Secret ids whose current value was written to the keychain (seedKeychain only). */
  keychainSeeded: string[];
}

function fakeFor(marker: string): string {
  const kind = marker.replace(/^FAKE_/, '');
  const gen = GENERATORS.find(([prefix]) => kind === prefix || kind.startsWith(`${prefix}_`));
  if (!gen) throw new Error(`demo template uses an unknown marker @@${marker}@@`);
  return gen[1]();
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function isoDaysAgo(now: Date, days: number, minutes = 0): string {
  return new Date(now.getTime() - days * DAY + minutes * 60_000).toISOString();
}

/** The steps of one completed rotation, in the order the engine writes them. */
const ROTATION_STEPS: RotationStep[] = ['begin', 'create', 'store-pending', 'apply', 'test-new', 'promote', 'revoke-old', 'test-old-fails', 'finish'];

interface HistoryItem { secretId: string; daysAgo: number; provider?: string; currentValueMarker?: string }

/** Past rotations; the last one of each secret decides its age (see demo/README.md). */
const HISTORY: HistoryItem[] = [
  { secretId: 'ops-console-password', daysAgo: 210 },
  { secretId: 'openai-prod', daysAgo: 107, provider: 'openai-console' },
  { secretId: 'openai-prod', daysAgo: 47, provider: 'openai-console', currentValueMarker: 'FAKE_OPENAI_KEY' },
  { secretId: 'pg-app', daysAgo: 115 },
  { secretId: 'anthropic-gateway', daysAgo: 39, provider: 'anthropic-console' },
  { secretId: 'pg-app', daysAgo: 55, currentValueMarker: 'FAKE_PG_PASSWORD' },
  { secretId: 'anthropic-gateway', daysAgo: 9, provider: 'anthropic-console', currentValueMarker: 'FAKE_ANTHROPIC_KEY_GATEWAY' },
];

async function writeLedger(ledger: string, now: Date, values: Map<string, string>, fpKey: Buffer): Promise<number> {
  // fingerprints of values that no longer exist anywhere: random, but real keyed fingerprints
  const retired = () => keyedFingerprint(randomBytes(24).toString('base64url'), fpKey);
  const previous = new Map<string, string>();
  let count = 0;
  for (const item of [...HISTORY].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const value = item.currentValueMarker ? values.get(item.currentValueMarker) : undefined;
    const newFp = value ? keyedFingerprint(value, fpKey) : retired();
    const base = { secretId: item.secretId, who: 'demo' };
    if (item.secretId === 'ops-console-password') {
      // a human password is stored once and changed only on compromise
      await appendLedgerEntry(ledger, { ...base, at: isoDaysAgo(now, item.daysAgo), step: 'store', outcome: 'ok', newFingerprint: newFp, detail: 'initial value stored' });
      count++;
      continue;
    }
    const rotationId = randomUUID();
    const oldFp = previous.get(item.secretId) ?? retired();
    for (const [i, step] of ROTATION_STEPS.entries()) {
      await appendLedgerEntry(ledger, {
        ...base,
        at: isoDaysAgo(now, item.daysAgo, i),
        rotationId,
        step,
        outcome: step === 'begin' ? 'started' : 'ok',
        provider: item.provider,
        newFingerprint: step === 'begin' ? undefined : newFp,
        oldFingerprint: oldFp,
      });
      count++;
    }
    previous.set(item.secretId, newFp);
  }
  return count;
}

export async function prepareDemo(opts: PrepareOptions): Promise<PrepareSummary> {
  const now = opts.now ?? new Date();
  const dest = path.resolve(opts.dest);
  // build beside the destination, then swap, so a half-prepared workspace is never opened
  const staging = `${dest}.preparing-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(opts.template, staging, { recursive: true });
  const gi = path.join(staging, 'gitignore.template');
  if (existsSync(gi)) renameSync(gi, path.join(staging, '.gitignore'));

  const values = new Map<string, string>();
  const filesWithMarkers: string[] = [];
  for (const file of walk(staging)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('@@')) continue;
    const replaced = text
      .replace(/@@DAYS_AGO_(\d+)@@/g, (_m, n: string) => isoDaysAgo(now, Number(n)).slice(0, 10))
      .replace(/@@(FAKE_[A-Z0-9_]+)@@/g, (_m, marker: string) => {
        if (!values.has(marker)) values.set(marker, fakeFor(marker));
        return values.get(marker)!;
      });
    if (replaced !== text) {
      writeFileSync(file, replaced);
      filesWithMarkers.push(path.relative(staging, file));
    }
  }

  const cache = writeRecordedResponses(staging, values);
  if (cache) filesWithMarkers.push(cache);

  const policy = path.join(staging, 'rotation-policy.yaml');
  const ledger = ledgerPathFor(policy);
  rmSync(ledger, { force: true });
  const ledgerEntries = await writeLedger(ledger, now, values, loadFingerprintKey(opts.env ?? process.env));

  const keychainSeeded = opts.seedKeychain ? await seedKeychain(policy, opts.env ?? process.env) : [];

  // a git repository makes "git-ignored .env" meaningful for stores and scans
  spawnSync('git', ['init', '-q'], { cwd: staging, stdio: 'ignore' });

  rmSync(dest, { recursive: true, force: true });
  renameSync(staging, dest);
  return { dest, markers: [...values.keys()].sort(), filesWithMarkers: filesWithMarkers.sort(), ledger: path.join(dest, path.relative(staging, ledger)), ledgerEntries, keychainSeeded };
}

/**
 * A binary file git would happily commit: a pickled cache of recorded model calls whose request
 * headers kept the batch job's Anthropic key (the one also hardcoded in litellm/config.yaml). A
 * text template cannot hold these bytes, so they are written here; the key is the marker's value.
 * Returns the file's path in the workspace, or undefined when the template has no such marker.
 */
function writeRecordedResponses(root: string, values: Map<string, string>): string | undefined {
  const key = values.get('FAKE_ANTHROPIC_KEY_BATCH');
  if (!key) return undefined;
  const str = (text: string) => {
    const b = Buffer.from(text, 'latin1');
    return Buffer.concat([Buffer.from([0x8c, b.length]), b, Buffer.from([0x94])]); // SHORT_BINUNICODE + MEMOIZE
  };
  const bytes = Buffer.concat([
    Buffer.from([0x80, 0x04, 0x95, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7d, 0x94, 0x28]), // PROTO 4, FRAME, dict, MARK
    str('url'),
    str('https://api.anthropic.com/v1/messages'),
    str('headers'),
    Buffer.from([0x7d, 0x94, 0x28]),
    str('x-api-key'),
    str(key),
    str('anthropic-version'),
    str('2023-06-01'),
    Buffer.from([0x75]), // SETITEMS
    str('response'),
    str('{"id":"msg_01","type":"message","content":[{"type":"text","text":"Refund approved."}]}'),
    Buffer.from([0x75, 0x2e]), // SETITEMS, STOP
  ]);
  const rel = path.join('cache', 'batch-responses.pkl');
  mkdirSync(path.join(root, 'cache'), { recursive: true });
  writeFileSync(path.join(root, rel), bytes);
  return rel;
}

/**
 * The demo's .env holds every current value; secrets the policy also keeps in the keychain get
 * the same value there, so the editor reads, rotates and re-enters them as in a real project.
 * Only for a private keyring (`npm start` on a machine without one): a desktop keyring is left alone.
 */
async function seedKeychain(policyPath: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { policy } = loadPolicyFile(policyPath);
  if (!policy) throw new Error('the demo policy does not load');
  const dotenv = readFileSync(path.join(path.dirname(policyPath), '.env'), 'utf8');
  const stores = createPolicyStoreRegistry(policy, policyPath, env);
  const seeded: string[] = [];
  for (const secret of policy.secrets) {
    const value = envVarsOf(policy, secret).map((n) => readEnvValue(dotenv, n)).find((v) => v);
    if (!value) continue;
    for (const name of secret.stores) {
      const ref = policy.stores[name];
      if (ref?.type !== 'keychain') continue;
      await stores.open(ref).set(secret.id, 'current', value);
      if (!seeded.includes(secret.id)) seeded.push(secret.id);
    }
  }
  return seeded;
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const nowArg = argValue(argv, '--now');
  prepareDemo({
    template: argValue(argv, '--template') ?? 'demo',
    dest: argValue(argv, '--dest') ?? '.demo-workspace',
    now: nowArg ? new Date(nowArg) : undefined,
    seedKeychain: argv.includes('--seed-keychain'),
  }).then(
    (summary) => console.log(JSON.stringify(summary)),
    (err: unknown) => {
      console.error(`prepare-demo: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

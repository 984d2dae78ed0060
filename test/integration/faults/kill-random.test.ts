import assert from 'node:assert/strict';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { startMariadb, type SystemMariadb } from '../../helpers/system/mariadb';
import { startPass, type SystemPass } from '../../helpers/system/pass';
import { startPostgres, type SystemPostgres } from '../../helpers/system/postgres';
import { requireSystem } from '../../helpers/system/processes';
import { startRedis, type SystemRedis } from '../../helpers/system/redis';
import { findDebris, killDuring, newTally, openRotationCount, PAUSE_POINTS, printTallies, rng, runCli, type KillPlan, type Tally } from './harness';
import { KeyServer } from '../rotation/key-server';
import { commandTarget, generateTarget, httpTarget, manualTarget, mariadbTarget, postgresTarget, redisTarget, type Target } from './targets';

/**
 * SIGKILL at random points of rotations, for every provider, then recovery the way a person (or
 * the next scheduled run) does it: `rotate --resume`, and `--rollback` if that cannot finish.
 * Half the kills land on the engine's step boundaries (its pause hook: every step, before and
 * after its action), half after a random delay (mid-write: inside a `pass insert`, an env-file
 * rename, a provider call). After each one:
 *   - no rotation is left open, and the ledger verifies;
 *   - every store apps read holds the same CURRENT, and it logs in at the issuer;
 *   - no file under the project, the pass store or the system temp folder holds a value or is a
 *     leftover temp file (debris);
 *   - no live credential exists that no store holds (orphan): a value held at the kill that is not
 *     current is refused by the database / revoked at the issuer, and a key the issuer minted that
 *     no store holds is named in the recovery output.
 * Counts per provider (FAULTS_N scales them all; FAULTS_SEED replays a schedule). The summary line
 * is printed even when assertions fail, so the same suite run with FAULTS_CLI=<main's dist/cli.js>
 * gives the baseline.
 */
const SCALE = Number(process.env.FAULTS_N ?? 1);
const SEED = Number(process.env.FAULTS_SEED ?? 19);
const COUNTS: Record<string, number> = { generate: 16, postgres: 16, mariadb: 12, redis: 14, command: 14, http: 14, manual: 14 };

describe('fault injection: kill -9 at random points of rotations, every provider (CLI, real components)', function () {
  this.timeout(600000);
  const started = Date.now();
  const tallies: Tally[] = [];
  let pg: SystemPostgres | undefined;
  let keyring: SystemKeyring | undefined;
  let maria: SystemMariadb | undefined;
  let redis: SystemRedis | undefined;
  let pass: SystemPass | undefined;
  const issuers: KeyServer[] = [];
  const startIssuer = async () => {
    const i = new KeyServer();
    issuers.push(i);
    await i.start();
    return i;
  };

  before(async function () {
    this.timeout(240000);
    [pg, keyring, maria, redis, pass] = await Promise.all([
      requireSystem(this, 'PostgreSQL (initdb/postgres)', startPostgres),
      requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring),
      requireSystem(this, 'mariadb-server', startMariadb),
      requireSystem(this, 'redis-server', startRedis),
      requireSystem(this, 'pass with a throwaway GPG key', startPass),
    ]);
  });
  after(async () => {
    printTallies(tallies, Date.now() - started);
    await Promise.all([...issuers.map((i) => i.stop()), keyring?.stop(), pg?.stop(), maria?.stop(), redis?.stop(), pass?.stop()]);
  });

  async function exercise(t: Target, n: number, seed: number): Promise<Tally> {
    const tally = newTally(t.provider);
    tallies.push(tally);
    const next = rng(seed);
    const everSeen = new Set<string>();
    const seenNow = async () => {
      const r = await t.read();
      const vals = [...r.currents, ...r.staged].filter((v): v is string => !!v);
      vals.forEach((v) => everSeen.add(v));
      return { vals, ...r };
    };
    // A clean rotation first: the setup works, and its duration bounds the random delays.
    const initial = (await seenNow()).vals;
    const t0 = Date.now();
    const clean = await runCli(t.p, t.args, t.input?.());
    const fullMs = Date.now() - t0;
    assert.match(clean.stdout, /: rotated/, `a clean ${t.provider} rotation: ${clean.stdout}${clean.stderr}`);
    if (t.provider === 'manual') initial.forEach((k) => t.revokeAtIssuer!(k)); // the person revokes the old key, as revoke-old told them
    for (let attempt = 0; tally.kills < n && attempt < n * 3; attempt++) {
      const before = new Set((await seenNow()).vals);
      const plan: KillPlan = attempt % 2 === 0 ? { kind: 'pause', point: PAUSE_POINTS[Math.floor(next() * PAUSE_POINTS.length)]! } : { kind: 'timer', ms: Math.floor(next() * fullMs * 1.1) };
      const what = plan.kind === 'pause' ? `at ${plan.point}` : `after ${plan.ms} ms`;
      const input = t.input?.();
      const k = await killDuring(t.p, t.args, plan, input);
      if (k.killed) tally.kills++;
      else tally.ranToEnd++;
      const atKill = (await seenNow()).vals;
      let output = k.output;
      let outcome = k.killed ? 'killed with nothing open' : (/: (rotated|rolled-back|failed)/.exec(k.output)?.[1] ?? 'ended');
      if (openRotationCount(t.p) > 0) {
        const r = await runCli(t.p, [...t.args, '--resume']);
        output += r.stdout + r.stderr;
        outcome = /: (rotated|rolled-back|failed|nothing-to-resume)/.exec(r.stdout)?.[1] ?? `resume exit ${r.code}`;
        if (openRotationCount(t.p) > 0) {
          const rb = await runCli(t.p, [...t.args, '--rollback']);
          output += rb.stdout + rb.stderr;
          outcome = `resume ${outcome}, rollback ${/: (rolled-back|failed)/.exec(rb.stdout)?.[1] ?? `exit ${rb.code}`}`;
        }
      }
      tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1;
      const problem = (text: string) => tally.problems.push(`kill ${what}: ${text}`);
      if (openRotationCount(t.p) > 0) problem(`still open after --resume and --rollback: ${output.slice(-300)}`);
      const v = verifyLedger(join(t.p.dir, '.rotation/ledger.jsonl'));
      if (!v.ok) problem(`ledger: line ${v.firstBadLine} ${v.reason}`);
      const { currents, staged } = await seenNow();
      const current = currents[0] ?? null;
      if (!current || currents.some((c) => c !== current)) problem(`stores disagree or are empty (${currents.map((c) => (c ? 'set' : 'empty')).join(', ')}; same: ${new Set(currents).size === 1})`);
      if (staged.length) problem('PENDING/PREVIOUS not cleared');
      if (current && (await t.works(current)) === false) {
        tally.lostWorking++;
        problem('the current value does not log in');
      }
      // Orphans: a value held at some point that is not current must be dead at the issuer.
      for (const val of new Set([...before, ...atKill])) {
        if (val === current || (t.oldStaysValid && before.has(val))) continue;
        if (t.issued && t.issued().has(val)) continue; // judged below, with the issuer's ids
        if ((await t.works(val)) === true) tally.silentOrphans.push(`kill ${what}: a value held at the kill still logs in and no store holds it`);
      }
      if (t.issued) {
        for (const [key, id] of [...t.issued()]) {
          if (key === current) continue;
          // The old key of a manual rotation: the person revokes it (revoke-old says so). A key
          // made for a run killed before it read the key never reached the tool: the person keeps it.
          if (t.provider === 'manual' && (before.has(key) || (key === input && !/create started/.test(k.output)))) {
            t.revokeAtIssuer!(key);
            continue;
          }
          if (output.includes(id) || /held by no store/.test(output)) tally.namedOrphans++;
          else tally.silentOrphans.push(`kill ${what}: key ${id} is active at the issuer, held by no store, named nowhere${process.env.FAULTS_DEBUG ? ` (input ${input && t.issued!().get(input)}, current ${current && t.issued!().get(current)}, before ${[...before].map((b) => t.issued!().get(b))}, attempt ${attempt})\n${output}` : ''}`);
          t.revokeAtIssuer!(key); // as the output told the person to (or the test, to keep rounds apart)
        }
      }
      const debris = findDebris([t.p.dir, ...t.roots], everSeen, t.legit, started);
      for (const d of debris) tally.debris.push(`kill ${what}: ${d.replace(t.p.dir, '<project>')}`);
      if (output.includes(current ?? '\0\0') || [...everSeen].some((s) => output.includes(s))) problem('a value appeared in the output');
    }
    return tally;
  }

  const assertClean = (t: Tally) => {
    assert.ok(t.kills > 0, 'some runs were killed');
    assert.deepEqual(t.problems, [], 'every rotation finished or rolled back with the stores in agreement');
    assert.equal(t.lostWorking, 0, 'a working value is never lost');
    assert.deepEqual(t.debris, [], 'nothing left behind');
    assert.deepEqual(t.silentOrphans, [], 'no live credential that no store holds and no output names');
  };

  const cases: Array<[string, () => Promise<Target> | Target]> = [
    ['generate', () => generateTarget(pass!)],
    ['postgres', () => postgresTarget(pg!, keyring!)],
    ['mariadb', () => mariadbTarget(maria!)],
    ['redis', () => redisTarget(redis!)],
    // One issuer per provider: each test revokes the keys it finds orphaned at its own issuer.
    ['command', async () => commandTarget(await startIssuer())],
    ['http', async () => httpTarget(await startIssuer())],
    ['manual', async () => manualTarget(await startIssuer())],
  ];
  // Providers run side by side (FAULTS_CONCURRENCY, default 2: most of a rotation is waiting on a
  // database, gpg or a child process); each keeps its own project, and its own seeded schedule.
  const only = process.env.FAULTS_ONLY?.split(',');
  const selected = cases.map(([name, make], i) => ({ name, make, i, n: Math.max(1, Math.round(COUNTS[name]! * SCALE)) })).filter((c) => !only || only.includes(c.name));
  const results = new Map<string, Promise<Tally>>();
  before(() => {
    const queue = [...selected];
    const settle = new Map<string, { resolve: (t: Tally) => void; reject: (e: unknown) => void }>();
    for (const c of selected) results.set(c.name, new Promise<Tally>((resolve, reject) => settle.set(c.name, { resolve, reject })));
    for (const r of results.values()) r.catch(() => undefined); // reported by its own test
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        try {
          const t = await c.make();
          try {
            settle.get(c.name)!.resolve(await exercise(t, c.n, SEED * 100 + c.i));
          } finally {
            t.cleanup();
          }
        } catch (err) {
          settle.get(c.name)!.reject(err);
        }
      }
    };
    for (let w = 0; w < Number(process.env.FAULTS_CONCURRENCY ?? 2); w++) void worker();
  });
  for (const c of selected) {
    it(`${c.name}: ${c.n} kills at seeded random points; recovery leaves no open rotation, no debris, no orphan, a working value`, async () => {
      assertClean(await results.get(c.name)!);
    });
  }
});

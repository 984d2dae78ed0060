import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { readEnvValue } from '../../../core/stores/env-format';
import { LocalStageStore } from '../../../core/stores/local-stages';
import { killAt } from '../faults/harness';
import { cli, type TestProject } from '../rotation/project';

export { POINTS_WITHOUT_APPLY as PAUSE_POINTS } from '../faults/harness';

/** How many times each point is killed: 1 in CI, ROTATION_GUARD_KILL_ROUNDS=20 for the full target. */
export const KILL_ROUNDS = Math.max(1, Number(process.env.ROTATION_GUARD_KILL_ROUNDS ?? '1') || 1);

/** Every value the project's stores hold for `secretId`: the env file's CURRENT and the local PENDING/PREVIOUS. */
export async function heldValues(p: TestProject, secretId: string, envVar: string): Promise<string[]> {
  const stages = new LocalStageStore(join(p.dir, '.rotation'));
  let env: string | null = null;
  try {
    env = readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), envVar);
  } catch {
    env = null;
  }
  const out = [env, await stages.get(secretId, 'pending'), await stages.get(secretId, 'previous')];
  return out.filter((v): v is string => !!v);
}

export interface KillTarget {
  project: TestProject;
  secretId: string;
  envVar: string;
  /** The values the issuer accepts right now (from the stand-in's own state). */
  validAtIssuer(): string[];
}

export interface KillStats {
  kills: number;
  rotated: number;
  rolledBack: number;
  withoutWorkingKey: number;
  orphansAfterResume: number;
}

/**
 * Kills `rotate` at `point`, checks a working key is held, continues it (`--resume` on even
 * rounds, the next plain `rotate` on odd ones), then checks the end state: the current value
 * works, PENDING is empty, nothing is open, the ledger verifies, and every key the issuer
 * accepts is held by a store (no orphan left valid).
 */
export async function killAndResume(t: KillTarget, point: string, round: number, stats: KillStats): Promise<void> {
  const { project: p, secretId } = t;
  await killAt(p, ['rotate', secretId, '--trust', '--yes'], point);
  stats.kills++;
  const valid = new Set(t.validAtIssuer());
  const held = await heldValues(p, secretId, t.envVar);
  if (!held.some((v) => valid.has(v))) stats.withoutWorkingKey++;
  assert.ok(held.some((v) => valid.has(v)), `no store holds a key the issuer accepts after a kill at ${point}`);

  const byResume = round % 2 === 0;
  const r = await cli(p, byResume ? ['rotate', secretId, '--resume', '--trust', '--yes'] : ['rotate', secretId, '--trust', '--yes']);
  const outcome = new RegExp(`${secretId}: (rotated|rolled-back)`).exec(r.stdout)?.[1];
  assert.ok(outcome, `continuing after ${point}: ${r.stdout}${r.stderr}`);
  if (outcome === 'rotated') stats.rotated++;
  else stats.rolledBack++;

  const after = await heldValues(p, secretId, t.envVar);
  const current = readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), t.envVar);
  const nowValid = t.validAtIssuer();
  assert.ok(current && nowValid.includes(current), `after ${point} the current value is not accepted by the issuer`);
  assert.equal(await new LocalStageStore(join(p.dir, '.rotation')).get(secretId, 'pending'), null, 'nothing left in PENDING');
  const orphans = nowValid.filter((v) => !after.includes(v));
  stats.orphansAfterResume += orphans.length;
  assert.equal(orphans.length, 0, `after ${point} and ${byResume ? '--resume' : 'a plain rotate'} (${outcome}), ${orphans.length} key(s) valid at the issuer are held by no store`);
  const v = verifyLedger(join(p.dir, '.rotation/ledger.jsonl'));
  assert.equal(v.ok, true, `ledger: line ${v.firstBadLine} ${v.reason}`);
  const st = JSON.parse((await cli(p, ['status', '--json'])).stdout) as { openRotations: unknown[] };
  assert.deepEqual(st.openRotations, [], 'no rotation left open');
}

export const newStats = (): KillStats => ({ kills: 0, rotated: 0, rolledBack: 0, withoutWorkingKey: 0, orphansAfterResume: 0 });

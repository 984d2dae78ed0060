// Starts the real servers once and runs the live benchmark for each strategy (see live.ts).
import { startPostgres } from '../../test/helpers/system/postgres';
import { startMariadb } from '../../test/helpers/system/mariadb';
import { startRedis } from '../../test/helpers/system/redis';
import { benchStrategy, type StrategyFigures } from './live';
import { mariadbAlternating, pgAlternating, pgSingleUser, redisDual } from './live-strategies';

export async function runLiveBench(o: { rotations: number; kills: number; rate: number; only: string; log: (s: string) => void }): Promise<StrategyFigures[]> {
  const want = (k: string) => !o.only || o.only.split(',').includes(k);
  const out: StrategyFigures[] = [];
  const grace = '1s';
  const common = { rotations: o.rotations, kills: o.kills, rate: o.rate, baselineMs: 3000, gapMs: 500, log: o.log };
  if (want('pg-alt') || want('pg-single')) {
    const pg = await startPostgres();
    try {
      if (want('pg-alt')) out.push(await benchStrategy(await pgAlternating(pg, grace), common));
      if (want('pg-single')) out.push(await benchStrategy(await pgSingleUser(pg), common));
    } finally {
      await pg.stop();
    }
  }
  if (want('mariadb')) {
    const m = await startMariadb();
    try {
      out.push(await benchStrategy(await mariadbAlternating(m, grace), common));
    } finally {
      await m.stop();
    }
  }
  if (want('redis')) {
    const r = await startRedis();
    try {
      out.push(await benchStrategy(await redisDual(r, grace), common));
    } finally {
      await r.stop();
    }
  }
  return out;
}

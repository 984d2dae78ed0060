// A service under load for the live-rotation benchmark and tests (bundled to
// out/bench/rotation/load-app.js, started under `rotation-guard run --watch`). It opens a NEW
// connection for every request at a fixed rate (open loop: a slow or failed request never delays
// the next), logs in, runs one trivial command, and disconnects.
//   LOAD_KIND=pg|mariadb|redis  LOAD_PORT  LOAD_RATE (req/s)  LOAD_OUT (JSON results file)
//   LOAD_SOURCE=env: credentials from its environment, re-read from ROTATION_GUARD_ENV_FILE on SIGHUP
//   LOAD_SOURCE=file:PATH: re-reads the env file PATH before every connection
//   LOAD_USER_VAR / LOAD_PASSWORD_VAR: the variables (user may also be fixed with LOAD_USER)
// On an authentication error it re-reads its source and retries once (counted as a retry): at
// once when the source holds another credential by then, else after LOAD_RETRY_DELAY_MS
// (default 100, a usual back-off).
// Never prints a credential.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { RedisClient } from '@redis/client';
import { readEnvValue } from '../../core/stores';
import { runOpenLoop } from './open-loop';

const kind = process.env.LOAD_KIND ?? 'pg';
const port = Number(process.env.LOAD_PORT);
const rate = Number(process.env.LOAD_RATE ?? 100);
const source = process.env.LOAD_SOURCE ?? 'env';
const userVar = process.env.LOAD_USER_VAR ?? 'DATABASE_USER';
const passwordVar = process.env.LOAD_PASSWORD_VAR ?? 'DATABASE_PASSWORD';
const retryDelayMs = Number(process.env.LOAD_RETRY_DELAY_MS ?? 100);

let held: Record<string, string | undefined> = { ...process.env };
function fromFile(path: string): Record<string, string | undefined> {
  const text = readFileSync(path, 'utf8');
  return { [userVar]: readEnvValue(text, userVar) ?? undefined, [passwordVar]: readEnvValue(text, passwordVar) ?? undefined };
}
process.on('SIGHUP', () => {
  held = { ...held, ...fromFile(process.env.ROTATION_GUARD_ENV_FILE!) };
});
function credentials(): { user: string; password: string } {
  const vars = source.startsWith('file:') ? fromFile(source.slice(5)) : held;
  return { user: process.env.LOAD_USER ?? vars[userVar] ?? '', password: vars[passwordVar] ?? '' };
}

class AuthError extends Error {}

// createClient caches node-redis's per-options command class on the JSON of the whole options,
// password included, so the first request after a password change would rebuild ~500 command
// wrappers (~20 ms): the cost of the app's client library, not of the rotation. A factory with a
// fixed config builds that class once, as an app creating a client per request should.
const makeRedisClient = RedisClient.factory();

async function once(c: { user: string; password: string }): Promise<void> {
  try {
    if (kind === 'pg') {
      const db = new Client({ host: '127.0.0.1', port, database: 'postgres', user: c.user, password: c.password, connectionTimeoutMillis: 5000 });
      db.on('error', () => undefined);
      try {
        await db.connect();
        await db.query('select 1');
      } finally {
        await db.end().catch(() => undefined);
      }
    } else if (kind === 'mariadb') {
      const db = await createConnection({ host: '127.0.0.1', port, user: c.user, password: c.password, connectTimeout: 5000 });
      try {
        await db.query('SELECT 1');
      } finally {
        await db.end().catch(() => undefined);
      }
    } else {
      const db = makeRedisClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false, connectTimeout: 5000 } as never, username: c.user, password: c.password });
      db.on('error', () => undefined);
      await db.connect();
      try {
        await db.ping();
      } finally {
        await db.close().catch(() => undefined);
      }
    }
  } catch (err) {
    const e = err as { code?: string; errno?: number; message?: string };
    if (e.code === '28P01' || e.errno === 1045 || /WRONGPASS/.test(e.message ?? '')) throw new AuthError('authentication refused');
    throw new Error(`${e.code ?? ''} ${(e.message ?? '').slice(0, 120)}`);
  }
}

runOpenLoop(rate, { kind, rate }, async () => {
  const used = credentials();
  try {
    await once(used);
    return { outcome: 0 };
  } catch (err) {
    if (!(err instanceof AuthError)) return { outcome: 2, error: (err as Error).message };
    // Re-read first: when the source already holds another credential (the usual case — a
    // single-user rotation replaced it while this login was under way), retry with it at once;
    // back off only when nothing changed yet.
    let next = credentials();
    if (next.user === used.user && next.password === used.password) {
      await new Promise((r) => setTimeout(r, retryDelayMs));
      next = credentials();
    }
    try {
      await once(next);
      return { outcome: 1 };
    } catch (err2) {
      return { outcome: 2, error: (err2 as Error).message };
    }
  }
});

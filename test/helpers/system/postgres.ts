import { chownSync, createWriteStream, existsSync, mkdirSync, writeFileSync, rmSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { killGroup, makeTempDir, removeDir, runToEnd, spawnGroup, waitExit, waitForOutput } from './processes';

export interface SystemPostgres {
  host: string;
  port: number;
  adminUser: string;
  /** Generated at start, never committed. */
  adminPassword: string;
  adminConnectionString: string;
  /** Server log with log_statement=all: every statement the server received. */
  logPath: string;
  dir: string;
  stop(): Promise<void>;
}

const PG_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin', '/usr/local/bin', '/usr/bin'];

function pgBin(name: string): string {
  for (const d of PG_BIN_DIRS) if (existsSync(join(d, name))) return join(d, name);
  throw new Error(`PostgreSQL's ${name} was not found in ${PG_BIN_DIRS.join(', ')} (apt install postgresql)`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * A throwaway cluster on 127.0.0.1:<free port> with scram-sha-256 only. initdb and postgres refuse
 * to run as root, so as root they run as the `postgres` user (runuser) in a dir it owns.
 */
export async function startPostgres(): Promise<SystemPostgres> {
  const dir = makeTempDir('pg');
  const asRoot = process.getuid?.() === 0;
  const wrap = (bin: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);
  const data = join(dir, 'data');
  const logPath = join(dir, 'server.log');
  const adminPassword = randomBytes(18).toString('base64url');
  let server: ChildProcess | undefined;
  let log: WriteStream | undefined;
  const stop = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      killGroup(server, 'SIGINT'); // fast shutdown
      await waitExit(server, 10000).catch(() => killGroup(server));
    }
    // Output can still arrive after 'exit'; a write after end() would throw in no test's context.
    server?.stdout?.unpipe();
    server?.stderr?.unpipe();
    log?.end();
    removeDir(dir);
  };
  try {
    mkdirSync(join(dir, 'sock'));
    const pwFile = join(dir, 'pw');
    writeFileSync(pwFile, `${adminPassword}\n`, { mode: 0o600 });
    if (asRoot) {
      for (const p of [dir, join(dir, 'sock'), pwFile]) chownSync(p, ...postgresIds());
    }
    const [cmd, args] = wrap(pgBin('initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth-local=peer', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const init = await runToEnd(cmd, args, { timeoutMs: 60000 });
    rmSync(pwFile, { force: true });
    if (init.code !== 0) throw new Error(`initdb failed (${init.code}): ${init.stderr.slice(-400)}`);
    writeFileSync(join(data, 'pg_hba.conf'), 'local all postgres peer\nhost all all 127.0.0.1/32 scram-sha-256\n');
    const port = await freePort();
    const [pcmd, pargs] = wrap(pgBin('postgres'), [
      '-D', data, '-p', String(port), '-k', join(dir, 'sock'),
      '-c', 'listen_addresses=127.0.0.1', '-c', 'password_encryption=scram-sha-256', '-c', 'fsync=off',
      '-c', 'log_statement=all', '-c', 'log_connections=on', '-c', 'logging_collector=off',
    ]);
    server = spawnGroup(pcmd, pargs);
    log = createWriteStream(logPath);
    server.stdout!.pipe(log, { end: false });
    server.stderr!.pipe(log, { end: false });
    await waitForOutput(server.stderr!, /database system is ready to accept connections/, 30000, 'postgres');
    const host = '127.0.0.1';
    return {
      host,
      port,
      adminUser: 'postgres',
      adminPassword,
      adminConnectionString: `postgresql://postgres:${encodeURIComponent(adminPassword)}@${host}:${port}/postgres`,
      logPath,
      dir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function postgresIds(): [number, number] {
  // `id` is simpler than parsing /etc/passwd and handles NSS users.
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (!Number.isInteger(uid)) throw new Error('running as root but there is no `postgres` user to run the server as');
  return [uid, gid];
}

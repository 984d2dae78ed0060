import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort } from './postgres';
import { killGroup, makeTempDir, removeDir, runToEnd, spawnGroup, waitExit, waitForOutput } from './processes';

export interface SystemMariadb {
  host: string;
  port: number;
  adminUser: string;
  /** Generated at start, never committed. */
  adminPassword: string;
  adminUrl: string;
  /** The general query log: every statement the server received. */
  generalLogPath: string;
  stop(): Promise<void>;
}

function bin(names: string[]): string {
  for (const n of names) for (const d of ['/usr/sbin', '/usr/bin', '/usr/local/bin']) if (existsSync(join(d, n))) return join(d, n);
  throw new Error(`MariaDB's ${names[0]} was not found (apt install mariadb-server)`);
}

/**
 * A throwaway MariaDB on 127.0.0.1:<free port> with its own data dir, running as the current
 * user (`--user` is only honoured as root). The admin account is created over the unix socket
 * (socket authentication of the OS user), with its password sent on stdin, never argv.
 */
export async function startMariadb(): Promise<SystemMariadb> {
  const dir = makeTempDir('mariadb');
  const data = join(dir, 'data');
  const sock = join(dir, 'mysqld.sock');
  const generalLogPath = join(dir, 'general.log');
  const me = userInfo().username;
  const adminPassword = randomBytes(18).toString('base64url');
  let server: ChildProcess | undefined;
  let log: WriteStream | undefined;
  const stop = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      killGroup(server, 'SIGTERM');
      await waitExit(server, 20000).catch(() => killGroup(server));
    }
    // Output can still arrive after 'exit'; a write after end() would throw in no test's context.
    server?.stdout?.unpipe();
    server?.stderr?.unpipe();
    log?.end();
    removeDir(dir);
  };
  try {
    mkdirSync(data);
    const init = await runToEnd(bin(['mariadb-install-db', 'mysql_install_db']), ['--no-defaults', `--datadir=${data}`, `--user=${me}`, `--auth-root-socket-user=${me}`, '--skip-test-db'], { timeoutMs: 120000 });
    if (init.code !== 0) throw new Error(`mariadb-install-db failed (${init.code}): ${(init.stderr + init.stdout).slice(-400)}`);
    const port = await freePort();
    server = spawnGroup(bin(['mariadbd', 'mysqld']), [
      '--no-defaults', `--datadir=${data}`, `--socket=${sock}`, `--port=${port}`, '--bind-address=127.0.0.1', `--user=${me}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`, '--skip-name-resolve', '--general-log=1', `--general-log-file=${generalLogPath}`,
      '--innodb-buffer-pool-size=16M', '--innodb-log-file-size=8M', '--max-connections=2000', '--skip-log-bin', '--max-connect-errors=1000000',
    ]);
    log = createWriteStream(join(dir, 'server.log'));
    server.stdout!.pipe(log, { end: false });
    server.stderr!.pipe(log, { end: false });
    await waitForOutput(server.stderr!, /ready for connections/, 60000, 'mariadbd');
    const sql = `CREATE USER 'rgadmin'@'127.0.0.1' IDENTIFIED BY '${adminPassword}';\nGRANT ALL PRIVILEGES ON *.* TO 'rgadmin'@'127.0.0.1' WITH GRANT OPTION;\n`;
    const r = await runToEnd(bin(['mariadb', 'mysql']), ['--no-defaults', `--socket=${sock}`, '-u', me === 'root' ? 'root' : me], { input: sql, timeoutMs: 30000 });
    if (r.code !== 0) throw new Error(`creating the admin user failed (${r.code}): ${r.stderr.slice(-300)}`);
    return { host: '127.0.0.1', port, adminUser: 'rgadmin', adminPassword, adminUrl: `mysql://rgadmin:${encodeURIComponent(adminPassword)}@127.0.0.1:${port}/mysql`, generalLogPath, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

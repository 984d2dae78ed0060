import { createWriteStream, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort } from './postgres';
import { killGroup, makeTempDir, removeDir, spawnGroup, waitExit, waitForOutput } from './processes';

export interface SystemRedis {
  host: string;
  port: number;
  /** `default` user's password, generated at start. */
  adminPassword: string;
  adminUrl: string;
  logPath: string;
  stop(): Promise<void>;
}

/**
 * A throwaway redis-server on 127.0.0.1:<free port>, no persistence. The config (with the admin
 * password) goes in on stdin (`redis-server -`), never argv.
 */
export async function startRedis(): Promise<SystemRedis> {
  const dir = makeTempDir('redis');
  const adminPassword = randomBytes(18).toString('base64url');
  const port = await freePort();
  const logPath = join(dir, 'server.log');
  let server: ChildProcess | undefined;
  let log: WriteStream | undefined;
  const stop = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      killGroup(server, 'SIGTERM');
      await waitExit(server, 10000).catch(() => killGroup(server));
    }
    // Output can still arrive after 'exit'; a write after end() would throw in no test's context.
    server?.stdout?.unpipe();
    server?.stderr?.unpipe();
    log?.end();
    removeDir(dir);
  };
  try {
    server = spawnGroup('redis-server', ['-'], { cwd: dir });
    log = createWriteStream(logPath);
    server.stdout!.pipe(log, { end: false });
    server.stderr!.pipe(log, { end: false });
    server.stdin!.end(
      [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'save ""', 'appendonly no', 'protected-mode yes', 'maxclients 4000', `user default on >${adminPassword} ~* &* +@all`, ''].join('\n'),
    );
    await waitForOutput(server.stdout!, /Ready to accept connections/, 20000, 'redis-server');
    return { host: '127.0.0.1', port, adminPassword, adminUrl: `redis://default:${encodeURIComponent(adminPassword)}@127.0.0.1:${port}`, logPath, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

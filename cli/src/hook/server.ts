import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { STDIN_MAX_BYTES, StdinTooLargeError, type CliIO } from '../io';
import { fileIdentity, newState, releaseServerLock, rm, sameInode, stateStillOurs, takeServerLock, writeState, type ServerState } from './server-state';
import { field, FieldReader, parseRequest, sameToken, type HookRequest } from './server-wire';

/** The hook's own entry (commands/hook.ts `run`): the server answers with it, as the process does. */
export type HookRun = (args: string[], io: CliIO) => Promise<number>;

export interface HookServerOptions {
  state: string;
  run: HookRun;
  /** Exit after this long without a request. */
  idleMs: number;
  /** Files whose change (an upgrade of Node or of the bundles) means this process no longer answers as a new one would: it stops. */
  watched: readonly string[];
  log: (line: string) => void;
}

/** Bounds: a header field (a path, an argument, an environment entry), the header in all, and how long a connection may take to send it. */
const MAX_FIELD = 1024 * 1024;
const MAX_HEADER = 4 * 1024 * 1024;
const HEADER_TIMEOUT_MS = 5000;

interface Request {
  ticket: string;
  answer(control: Socket, req: HookRequest): void;
}

interface Pending {
  /** Hands the payload connection (and whatever followed its ticket in the same chunk) to its request. */
  deliver(payload: Socket, rest: Buffer): void;
}

/**
 * The resident hook decider (`rotation-guard hook-server`): answers the launcher's requests
 * (launch.sh) with exactly what `rotation-guard hook` started as a process would print and exit
 * with, by running the same entry with the request's folder, arguments, environment and payload.
 * Nothing of a request outlives it: the policy, the ledger and the known values are read for each
 * one, as the process reads them. Requests are answered one decision at a time (decisions are
 * synchronous), each within the hook's own timeout, which covers reading the payload.
 *
 * Resolves when the server stops: after `idleMs` without a request, when its state file is no
 * longer its own (replaced, or opened to others: its tokens may be known), when a watched file
 * changed, or on SIGTERM/SIGINT/SIGHUP. It then removes its state file and lock.
 */
export async function serveHooks(opts: HookServerOptions): Promise<'stopped' | 'running-elsewhere'> {
  const lock = `${opts.state}.lock`;
  if (!takeServerLock(lock, opts.state)) return 'running-elsewhere';
  const identity = opts.watched.map(fileIdentity).join('|');
  const current = () => opts.watched.map(fileIdentity).join('|') === identity;
  const tickets = new Map<string, Pending>();
  let lastActive = Date.now();
  let state: ServerState | undefined;
  let ino = -1;
  const server: Server = createServer((socket) => {
    lastActive = Date.now();
    // Answers are one write each; without this a second would wait for the launcher's acknowledgement.
    socket.setNoDelay(true);
    connection(socket);
  });
  server.maxConnections = 64;

  const connection = (socket: Socket) => {
    const reader = new FieldReader(MAX_FIELD, MAX_HEADER);
    const timer = setTimeout(() => socket.destroy(), HEADER_TIMEOUT_MS);
    socket.on('error', () => undefined);
    let stage: 'token' | 'header' | 'done' = 'token';
    let request: Request | undefined;
    socket.on('close', () => {
      clearTimeout(timer);
      // A header that never came whole: its payload connection is refused, so the launcher still has standard input for the process.
      if (stage === 'header' && request) tickets.delete(request.ticket);
    });
    const onData = (chunk: Buffer) => {
      try {
        if (stage === 'token') {
          const rest = reader.push(chunk, 1);
          if (rest === undefined) return;
          const first = reader.fields[0]!;
          const pending = tickets.get(first);
          if (pending) {
            tickets.delete(first);
            clearTimeout(timer);
            stage = 'done';
            socket.off('data', onData);
            socket.write(field(state!.server));
            pending.deliver(socket, rest);
            return;
          }
          if (!sameToken(first, state!.client)) return void socket.destroy();
          // A process that can no longer answer as a new one would says so before the launcher
          // sends anything: the hook then starts as a process, its standard input unread.
          if (!current() || !stateStillOurs(opts.state, ino)) {
            socket.end(Buffer.concat([field(state!.server), field('fallback')]));
            stop();
            return;
          }
          request = openRequest();
          socket.write(Buffer.concat([field(state!.server), field(request.ticket)]));
          stage = 'header';
          if (!rest.length) return;
          chunk = rest;
        }
        if (stage === 'header') {
          reader.push(chunk);
          const req = parseRequest(reader.fields.slice(1));
          if (!req) return;
          stage = 'done';
          clearTimeout(timer);
          socket.off('data', onData);
          request!.answer(socket, req);
        }
      } catch {
        if (stage === 'header' && request) tickets.delete(request.ticket);
        socket.destroy();
      }
    };
    socket.on('data', onData);
  };

  /** A ticket for the payload connection, given with the server's token so the launcher can open it while it sends the header. */
  const openRequest = (): Request => {
    const ticket = randomBytes(24).toString('hex');
    let payloadSocket: Socket | undefined;
    let answered = false;
    // Good for one payload connection, which may come after the answer (an unknown assistant is refused before the payload is read, as by the process).
    const expire = setTimeout(() => tickets.delete(ticket), HEADER_TIMEOUT_MS);
    const payload = new Promise<Buffer>((resolve, reject) => {
      tickets.set(ticket, {
        deliver(socket, rest) {
          clearTimeout(expire);
          if (answered) return void socket.end();
          payloadSocket = socket;
          const chunks: Buffer[] = rest.length ? [rest] : [];
          let total = rest.length;
          socket.on('data', (c: Buffer) => {
            total += c.length;
            if (total > STDIN_MAX_BYTES) {
              reject(new StdinTooLargeError(STDIN_MAX_BYTES));
              socket.destroy();
              return;
            }
            chunks.push(c);
          });
          socket.on('end', () => resolve(Buffer.concat(chunks)));
          socket.on('close', () => reject(new Error('the payload connection closed before its end')));
        },
      });
    });
    payload.catch(() => undefined);
    const answer = (control: Socket, req: HookRequest) => {
      if (req.args[0] !== 'hook') {
        answered = true;
        control.end(field('X'));
        return;
      }
      let out = '';
      let err = '';
      const io: CliIO = {
        cwd: req.cwd,
        env: req.env,
        stdout: (t) => void (out += t),
        stderr: (t) => void (err += t),
        // As readProcessStdin: the bytes decoded as UTF-8, more than `maxBytes` refused.
        readStdin: async (maxBytes = STDIN_MAX_BYTES) => {
          const bytes = await payload;
          if (bytes.length > maxBytes) throw new StdinTooLargeError(maxBytes);
          return bytes.toString('utf8');
        },
      };
      // As snapshot-main.ts and main.ts end a `hook` process: its exit code, or 2 with the error.
      opts
        .run(req.args.slice(1), io)
        .catch((e: unknown) => {
          io.stderr(`rotation-guard hook: ${(e as Error).message ?? String(e)}\n`);
          return 2;
        })
        .then((code) => {
          answered = true;
          payloadSocket?.destroy();
          lastActive = Date.now();
          if (out.includes('\0') || err.includes('\0')) control.end(field('X'));
          else control.end(Buffer.concat([field('A'), field(String(code)), field(out), field(err)]));
        });
    };
    return { ticket, answer };
  };

  let stopped!: () => void;
  const done = new Promise<void>((r) => (stopped = r));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(check);
    // Its own file (the same inode) goes, even opened to others: its tokens are no longer good.
    if (ino >= 0 && sameInode(opts.state, ino)) rm(opts.state);
    releaseServerLock(lock);
    server.close(() => stopped());
    // Connections still open end with the process.
    setTimeout(() => stopped(), 1000).unref();
  };
  const check = setInterval(() => {
    if (Date.now() - lastActive > opts.idleMs || !current() || !stateStillOurs(opts.state, ino)) stop();
  }, Math.max(50, Math.min(opts.idleMs / 4, 5000)));
  check.unref();
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  for (const s of signals) process.once(s, stop);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
    });
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    state = newState(addr.port);
    ino = writeState(opts.state, state);
  } catch (e) {
    stop();
    throw e;
  }
  opts.log(`rotation-guard hook-server: listening on 127.0.0.1:${state.port} (${opts.state})\n`);
  await done;
  for (const s of signals) process.off(s, stop);
  return 'stopped';
}

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { tempProject } from './temp-project';

/** A client that pulls diagnostics (LSP 3.17) and answers the server's refresh requests. */
export const PULL_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  textDocument: { diagnostic: { dynamicRegistration: false } },
};

export interface ServerHandle {
  conn: ProtocolConnection;
  proc: ChildProcess;
  init: InitializeResult;
  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (or rejects after `timeoutMs`). */
  waitForDiagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, languageId: string, text: string, version?: number): void;
  /** Settings the server gets when it asks for `rotationGuard` configuration. */
  settings: Record<string, unknown>;
  stop(): Promise<number | null>;
  stderr: () => string;
  home: string;
  /** Resolves at the server's next `workspace/diagnostic/refresh` (call before what triggers it). */
  nextDiagnosticRefresh(timeoutMs?: number): Promise<void>;
}

export const SERVER = resolve('dist/server.js');

/** A request's answer, or an error naming `what` when none comes within `ms` (a bound, never a sleep). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

/** Spawns the real server (`node dist/server.js --stdio`) with a private HOME and talks JSON-RPC to it. */
export async function startServer(opts: { rootPath?: string; env?: Record<string, string>; settings?: Record<string, unknown>; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<ServerHandle> {
  const home = tempProject('rg-lsp-home-').dir;
  const proc = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...opts.env },
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const listeners = new Set<(p: PublishDiagnosticsParams) => void>();
  const latest = new Map<string, PublishDiagnosticsParams>();
  const refreshWaiters = new Set<() => void>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    latest.set(p.uri, p);
    for (const l of [...listeners]) l(p);
  });
  const handle: ServerHandle = {
    conn,
    proc,
    home,
    settings: opts.settings ?? {},
    init: undefined as unknown as InitializeResult,
    stderr: () => err,
    waitForDiagnostics(uri, pred = () => true, timeoutMs = 10000) {
      return new Promise((resolvePromise, reject) => {
        const seen = latest.get(uri);
        if (seen && pred(seen)) return resolvePromise(seen);
        const timer = setTimeout(() => {
          listeners.delete(l);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(uri)?.diagnostics.map((d) => d.code))}`));
        }, timeoutMs);
        const l = (p: PublishDiagnosticsParams) => {
          if (p.uri === uri && pred(p)) {
            clearTimeout(timer);
            listeners.delete(l);
            resolvePromise(p);
          }
        };
        listeners.add(l);
      });
    },
    nextDiagnosticRefresh(timeoutMs = 10000) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          refreshWaiters.delete(done);
          reject(new Error(`no workspace/diagnostic/refresh within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          refreshWaiters.delete(done);
          resolvePromise();
        };
        refreshWaiters.add(done);
      });
    },
    open(uri, languageId, text, version = 1) {
      latest.delete(uri);
      void conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    async stop() {
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      try {
        await conn.sendRequest(ShutdownRequest.type, undefined);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        proc.kill('SIGKILL');
      }
      const code = await exited;
      conn.dispose();
      rmSync(home, { recursive: true, force: true });
      return code;
    },
  };
  conn.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => handle.settings));
  conn.onRequest(DiagnosticRefreshRequest.type, () => {
    for (const w of [...refreshWaiters]) w();
  });
  conn.listen();
  const rootUri = opts.rootPath ? fileUri(opts.rootPath) : null;
  handle.init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    capabilities: opts.capabilities ?? { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    ...(opts.initializationOptions !== undefined ? { initializationOptions: opts.initializationOptions } : {}),
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return handle;
}

/**
 * One real server per mocha suite, rooted in a fresh temp folder; registers the before/after
 * hooks that start it and stop it (and remove the folder). Read `.server`/`.dir` inside tests.
 */
export function serverPerSuite(prefix: string): { readonly server: ServerHandle; readonly dir: string } {
  const state: { server?: ServerHandle; dir?: string } = {};
  before(async () => {
    state.dir = tempProject(prefix).dir;
    state.server = await startServer({ rootPath: state.dir });
  });
  after(async () => {
    await state.server?.stop();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get server() {
      return state.server!;
    },
    get dir() {
      return state.dir!;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShowMessageRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageRequestParams,
} from 'vscode-languageserver-protocol/node';
import { createServer } from '../../server/src/createServer';
import { fileUri } from './lsp-server';

export interface InProcessServer {
  conn: ProtocolConnection;
  init: InitializeResult;
  /** Every workspace/applyEdit the server sent (answered `applied: true`). */
  edits: ApplyWorkspaceEditParams[];
  /** Every window/showMessageRequest; `answer` picks the reply (default: none). */
  questions: ShowMessageRequestParams[];
  answer: (q: ShowMessageRequestParams) => string | undefined;
  settings: Record<string, unknown>;
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  dispose(): void;
}

/**
 * The real server (createServer) in this process, over a pair of in-memory streams, with a
 * protocol client on the other end: no child process, the same JSON-RPC messages.
 */
export async function startInProcess(root: string, opts: { capabilities?: ClientCapabilities; settings?: Record<string, unknown>; env?: NodeJS.ProcessEnv; scanWorkerEntry?: string; initializationOptions?: Record<string, unknown> } = {}): Promise<InProcessServer> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const env = opts.env ?? { ...process.env, ROTATION_GUARD_FINGERPRINT_KEY: randomBytes(32).toString('base64') };
  const handle = createServer(serverConn, { env, scanWorkerEntry: opts.scanWorkerEntry ?? '' });
  serverConn.listen();
  const conn = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const listeners = new Set<(p: PublishDiagnosticsParams) => void>();
  const s: InProcessServer = {
    conn,
    init: undefined as unknown as InitializeResult,
    edits: [],
    questions: [],
    answer: () => undefined,
    settings: opts.settings ?? {},
    waitForDiagnostics(uri, pred, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const seen = latest.get(uri);
        if (seen && pred(seen)) return resolve(seen);
        const timer = setTimeout(() => {
          listeners.delete(l);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
        }, timeoutMs);
        const l = (p: PublishDiagnosticsParams) => {
          if (p.uri !== uri || !pred(p)) return;
          clearTimeout(timer);
          listeners.delete(l);
          resolve(p);
        };
        listeners.add(l);
      });
    },
    dispose() {
      handle.dispose();
      conn.dispose();
      serverConn.dispose();
      toServer.end();
      toClient.end();
    },
  };
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    latest.set(p.uri, p);
    for (const l of [...listeners]) l(p);
  });
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => s.settings));
  conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
    s.edits.push(p);
    return { applied: true };
  });
  conn.onRequest(ShowMessageRequest.type, (p) => {
    s.questions.push(p);
    const title = s.answer(p);
    return (p.actions ?? []).find((a) => a.title === title) ?? null;
  });
  conn.listen();
  s.init = await conn.sendRequest(InitializeRequest.type, {
    // No process id: the library would otherwise watch that process with an interval timer.
    processId: null,
    rootUri: fileUri(root),
    capabilities: opts.capabilities ?? { workspace: { configuration: true, applyEdit: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    workspaceFolders: [{ uri: fileUri(root), name: 'ws' }],
    ...(opts.initializationOptions ? { initializationOptions: opts.initializationOptions } : {}),
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return s;
}

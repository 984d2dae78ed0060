// LSP wiring only: the server's state (state.ts) and the handler groups (handlers/), registered
// on a connection. Nothing runs on import: the entry point (server.ts) or a test makes a
// connection and calls createServer.
import type { Connection } from 'vscode-languageserver/node';
import { registerCodeActions } from './handlers/codeActions';
import { registerCommands } from './handlers/commands';
import { registerDocuments } from './handlers/documents';
import { registerLifecycle } from './handlers/lifecycle';
import { registerPolicyFeatures } from './handlers/policy';
import { registerWorkspace } from './handlers/workspace';
import { ServerState, type ServerDeps } from './state';

export type { ServerDeps } from './state';

export interface ServerHandle {
  dispose(): void;
}

/** Registers every handler on `connection` (not yet listening); the caller calls `connection.listen()`. */
export function createServer(connection: Connection, deps: ServerDeps = {}): ServerHandle {
  const state = new ServerState(connection, deps);
  registerLifecycle(state);
  registerDocuments(state);
  registerWorkspace(state);
  registerPolicyFeatures(state);
  registerCodeActions(state);
  registerCommands(state);
  state.documents.listen(connection);
  return { dispose: () => state.dispose() };
}

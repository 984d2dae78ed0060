// The language server's entry point (`node dist/server.js --stdio`, or `--node-ipc` from the VS
// Code client): the connection's transport comes from the command line; everything else is in
// createServer.ts, which tests also run in process over a stream pair.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { tuneV8ForScanning } from '../../core/runtime';
import { createServer } from './createServer';

tuneV8ForScanning(); // see v8-tuning.ts: scanning on every keystroke gains from early type feedback

const connection = createConnection(ProposedFeatures.all);
// A failing handler is answered with an error by vscode-jsonrpc; anything else is logged, never fatal.
process.on('uncaughtException', (err) => connection.console.error(`uncaught exception: ${err.stack ?? String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));
createServer(connection);
connection.listen();

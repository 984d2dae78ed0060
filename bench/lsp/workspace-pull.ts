// An editor left open on an idle workspace: a client that pulls `workspace/diagnostic` the way
// VS Code's does (answer, wait 2 s, pull again with the ids it holds) for ~30 s, nothing changing.
// Reported: the server process's CPU time over that window (utime + stime from /proc/PID/stat),
// for the cached, held pull and for the old rescan on every pull (the same-run baseline), which this
// client brings about by telling the server before each pull that the configuration changed: that
// invalidates every cached file, so each pull reads and diagnoses the whole workspace again.
// `{ settings: null }` changes no setting (settings.ts ignores a notification without settings).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  InitializedNotification,
  InitializeRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceDiagnosticRequest,
  type PreviousResultId,
} from 'vscode-languageserver-protocol/node';

/** VS Code's client waits this long after an answer before pulling again (vscode-languageclient diagnostic.js). */
const REPULL_MS = 2000;
const TICKS_PER_S = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S; // fields 14 and 15 of proc(5)
}

function workspace(files: number): string {
  const ws = mkdtempSync(join(tmpdir(), 'rg-bench-lsp-pull-'));
  for (let i = 0; i < files; i++) {
    const sub = join(ws, `pkg${i % 50}`);
    if (i < 50) mkdirSync(sub);
    const planted = i % 250 === 0 ? `\nOPENAI_API_KEY=sk-proj-${randomBytes(30).toString('base64url')}T3BlbkFJ${randomBytes(30).toString('base64url')}\n` : '';
    writeFileSync(join(sub, `file${i}.${i % 3 ? 'md' : 'py'}`), `# module ${i}\n${'def handler(event):\n    return {"status": 200, "body": "ok"}\n'.repeat(20)}${planted}`);
  }
  return ws;
}

export interface PullCpu { cpuMs: number; answers: number; firstAnswerMs: number }

/** One server, one VS Code-like client for `seconds` after its first answer. */
async function idleEditor(ws: string, seconds: number, rescan: boolean): Promise<PullCpu> {
  const home = join(ws, '.home');
  const proc = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  try {
    const uri = pathToFileURL(ws).toString();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, workspaceFolders: [{ uri, name: 'bench' }] });
    await conn.sendNotification(InitializedNotification.type, {});
    let held: PreviousResultId[] = [];
    const pull = async (token?: CancellationTokenSource) => {
      if (rescan) await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const items = (await conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: held }, token?.token)).items;
      const ids = new Map(held.map((p) => [p.uri, p.value]));
      for (const i of items) if (i.resultId) ids.set(i.uri, i.resultId);
      held = [...ids].map(([u, value]) => ({ uri: u, value }));
    };
    const t0 = performance.now();
    await pull();
    const firstAnswerMs = performance.now() - t0;
    const cpu0 = cpuMs(proc.pid!);
    const end = performance.now() + seconds * 1000;
    const stop = new CancellationTokenSource();
    const deadline = setTimeout(() => stop.cancel(), seconds * 1000);
    let answers = 0;
    try {
      while (performance.now() < end && !stop.token.isCancellationRequested) {
        await new Promise((r) => setTimeout(r, REPULL_MS)); // the client's own pause, not synchronisation
        if (performance.now() >= end) break;
        const ok = await pull(stop).then(() => true, () => false);
        if (ok && !stop.token.isCancellationRequested) answers++;
      }
    } finally {
      clearTimeout(deadline);
    }
    return { cpuMs: cpuMs(proc.pid!) - cpu0, answers, firstAnswerMs };
  } finally {
    conn.dispose();
    proc.kill();
  }
}

/** The cached, held pull against the old rescan, one after the other on the same workspace. */
export async function idlePullCpu(files: number, seconds: number): Promise<{ cached: PullCpu; rescan: PullCpu }> {
  const ws = workspace(files);
  try {
    const rescan = await idleEditor(ws, seconds, true);
    const cached = await idleEditor(ws, seconds, false);
    return { cached, rescan };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

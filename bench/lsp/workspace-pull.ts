// An editor left open on an idle workspace: a client that pulls `workspace/diagnostic` the way
// VS Code's does (answer, wait 2 s, pull again with the ids it holds) for ~30 s, nothing changing.
// Reported: the server process's CPU time over that window (utime + stime from /proc/PID/stat),
// for the cached, held pull and for the old rescan on every pull (the same-run baseline), which this
// client brings about by telling the server before each pull that the configuration changed: that
// invalidates every cached file, so each pull reads and diagnoses the whole workspace again.
// `{ settings: null }` changes no setting (settings.ts ignores a notification without settings).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
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

/** `files` small Python and Markdown files in 50 folders, one in 250 with an OpenAI key planted. */
export function generatedWorkspace(files: number): string {
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
  const ws = generatedWorkspace(files);
  try {
    const rescan = await idleEditor(ws, seconds, true);
    const cached = await idleEditor(ws, seconds, false);
    return { cached, rescan };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

/** Hover answers timed while the first workspace pull of a large folder runs, and that pull's own time. */
export interface PullResponsiveness { hovers: number; p50: number; p95: number; max: number; pullMs: number; items: number }

function policyText(secrets: number): string {
  const lines = ['version: 1', 'stores:', '  keychain:', '    type: keychain', 'secrets:'];
  for (let i = 0; i < secrets; i++) lines.push(`  - id: secret-${i}`, '    kind: api-key', '    owner: machine', '    maxAge: 30d', '    stores: [keychain]');
  return `${lines.join('\n')}\n`;
}

/** One server (`serverJs`) on `folder`: a policy open elsewhere is hovered back to back from the first pull's request to its answer. */
async function hoversDuringFirstPull(serverJs: string, folder: string): Promise<PullResponsiveness> {
  const scratch = mkdtempSync(join(tmpdir(), 'rg-bench-lsp-hover-'));
  const home = join(scratch, '.home');
  const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  try {
    const uri = pathToFileURL(folder).toString();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, workspaceFolders: [{ uri, name: 'bench' }] });
    await conn.sendNotification(InitializedNotification.type, {});
    const text = policyText(20);
    const policyPath = join(scratch, 'rotation-policy.yaml');
    writeFileSync(policyPath, text);
    const policyUri = pathToFileURL(policyPath).toString();
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: policyUri, languageId: 'yaml', version: 1, text } });
    const hover = () => conn.sendRequest(HoverRequest.type, { textDocument: { uri: policyUri }, position: { line: 7, character: 6 } });
    await hover(); // answered before the pull: the policy is analysed and the JIT warm
    let pullDone = false;
    const t0 = performance.now();
    const pull = conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }).finally(() => (pullDone = true));
    const times: number[] = [];
    while (!pullDone) {
      const t = performance.now();
      await hover();
      times.push(performance.now() - t);
    }
    const items = (await pull).items.length;
    const pullMs = performance.now() - t0;
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
    return { hovers: times.length, p50: at(50), p95: at(95), max: sorted.at(-1) ?? NaN, pullMs, items };
  } finally {
    conn.dispose();
    proc.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Hovers during the first pull of `folder`: the server as built (the pull in the scan worker
 * thread) against the same bundle copied alone into a temporary folder, without
 * server-scan-worker.js beside it, where the pull runs in the server's thread as every pull did
 * before it moved to the worker (the same-run baseline).
 */
export async function hoverDuringPull(folder: string): Promise<{ worker: PullResponsiveness; inThread: PullResponsiveness }> {
  const alone = mkdtempSync(join(tmpdir(), 'rg-bench-lsp-alone-'));
  try {
    copyFileSync(resolve('dist/server.js'), join(alone, 'server.js'));
    copyFileSync(resolve('dist/words.txt'), join(alone, 'words.txt'));
    const inThread = await hoversDuringFirstPull(join(alone, 'server.js'), folder);
    const worker = await hoversDuringFirstPull(resolve('dist/server.js'), folder);
    return { worker, inThread };
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
}

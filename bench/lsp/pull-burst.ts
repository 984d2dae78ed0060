// A burst of workspace pulls: after the first pull, one file changes on disk before each of N
// pulls (a save, a `git checkout` of one file), so each pull is one workspace pass: in `stat` mode
// it walks and stats every file and reads the changed one; in `rescan` mode the client also sends
// didChangeWatchedFiles, which reloads the ledgers and reads every file again. Reported: the
// server process's CPU over the N passes (utime + stime from /proc), and its RSS idle before the
// first pull, right after the burst, and once the scan worker thread has ended (the thread count
// is back to where it was before any pass).
//   node out/bench/lsp/pull-burst.js [SERVER_JS] [FOLDER_TO_COPY | ''] [N] [stat|rescan]
// SERVER_JS defaults to dist/server.js (another build's bundle gives the before figure); FOLDER is
// copied to a temporary folder first (it is never written), else 3,000 files are generated.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, DidChangeWatchedFilesNotification, FileChangeType, InitializedNotification, InitializeRequest, StreamMessageReader, StreamMessageWriter, WorkspaceDiagnosticRequest, type PreviousResultId } from 'vscode-languageserver-protocol/node';
import { generatedWorkspace } from './workspace-pull';

const TICKS_PER_S = 100; // USER_HZ on Linux

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const threads = (pid: number) => readdirSync(`/proc/${pid}/task`).length;

export interface PullBurst { files: number; firstPullMs: number; passes: number; cpuMs: number; burstMs: number; rssIdleMb: number; rssAfterBurstMb: number; rssWorkerGoneMb: number; workerGoneAfterMs: number }

export async function pullBurst(serverJs: string, ws: string, passes: number, touch: string[], mode: 'stat' | 'rescan'): Promise<PullBurst> {
  const home = mkdtempSync(join(tmpdir(), 'rg-bench-burst-home-'));
  const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  const pid = proc.pid!;
  try {
    const uri = pathToFileURL(ws).toString();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, workspaceFolders: [{ uri, name: 'bench' }] });
    await conn.sendNotification(InitializedNotification.type, {});
    const idleThreads = threads(pid);
    const rssIdleMb = rssMb(pid);
    let held: PreviousResultId[] = [];
    let files = 0;
    const pull = async () => {
      const items = (await conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: held })).items;
      const ids = new Map(held.map((p) => [p.uri, p.value]));
      for (const i of items) if (i.resultId) ids.set(i.uri, i.resultId);
      held = [...ids].map(([u, value]) => ({ uri: u, value }));
      return items.length;
    };
    const t0 = performance.now();
    files = await pull();
    const firstPullMs = performance.now() - t0;
    const cpu0 = cpuMs(pid);
    const b0 = performance.now();
    for (let i = 0; i < passes; i++) {
      const file = touch[i % touch.length]!;
      appendFileSync(file, `\n# touched ${i}\n`);
      if (mode === 'rescan') await conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).toString(), type: FileChangeType.Changed }] });
      await pull();
    }
    const burstMs = performance.now() - b0;
    const cpu = cpuMs(pid) - cpu0;
    const rssAfterBurstMb = rssMb(pid);
    // The scan worker's thread ends when the server lets it go: polled, bounded (a bench, not a test).
    const g0 = performance.now();
    while (threads(pid) > idleThreads && performance.now() - g0 < 90_000) await new Promise((r) => setTimeout(r, 100));
    return { files, firstPullMs, passes, cpuMs: cpu, burstMs, rssIdleMb, rssAfterBurstMb, rssWorkerGoneMb: rssMb(pid), workerGoneAfterMs: performance.now() - g0 };
  } finally {
    conn.dispose();
    proc.kill();
    rmSync(home, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [serverJs = resolve('dist/server.js'), source, n = '20', only] = process.argv.slice(2);
  let ws: string;
  if (source) {
    ws = mkdtempSync(join(tmpdir(), 'rg-bench-burst-'));
    spawnSync('cp', ['-a', `${source}/.`, ws], { stdio: 'inherit' });
    rmSync(join(ws, '.git'), { recursive: true, force: true });
  } else ws = generatedWorkspace(3000);
  try {
    const touch = spawnSync('find', [ws, '-name', '*.py', '-size', '-8k'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).slice(0, 50);
    for (const mode of (['stat', 'rescan'] as const).filter((m) => !only || m === only)) {
      const r = await pullBurst(serverJs, ws, Number(n), touch, mode);
      console.log(`${serverJs}: ${r.passes} pull passes (${mode}: one changed file each${mode === 'rescan' ? ', all read again' : ''}) over ${source || '3,000 generated files'}: server CPU ${r.cpuMs.toFixed(0)} ms (${(r.cpuMs / r.passes).toFixed(0)} ms a pass), ${(r.burstMs / 1000).toFixed(1)} s; first pull ${(r.firstPullMs / 1000).toFixed(1)} s (${r.files} items); RSS idle ${r.rssIdleMb.toFixed(0)} MB, after the burst ${r.rssAfterBurstMb.toFixed(0)} MB, scan worker gone ${(r.workerGoneAfterMs / 1000).toFixed(1)} s later: ${r.rssWorkerGoneMb.toFixed(0)} MB`);
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

if (require.main === module) void main();

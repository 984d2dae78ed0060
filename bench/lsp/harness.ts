// Language-server benchmark against the real server process (`node dist/server.js --stdio`):
// edit → diagnostics latency (adaptive scheduling, and the old fixed 120 ms debounce as the
// same-run baseline), hover and completion in a 100-secret policy, and RSS after a workspace
// scan of 10,000 files. Every loop is bounded; everything is local.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { generatedWorkspace, hoverDuringPull, idlePullCpu } from './workspace-pull';

interface Server {
  conn: ProtocolConnection;
  proc: ChildProcess;
  nextDiagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams>;
  stop(): void;
}

async function start(root: string, env: Record<string, string> = {}): Promise<Server> {
  const home = join(root, '.home');
  const proc = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...env } });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const w = waiting.get(p.uri);
    if (w && p.version !== undefined && p.version >= w.version) {
      waiting.delete(p.uri);
      w.resolve(p);
    }
  });
  conn.listen();
  const uri = pathToFileURL(root).toString();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, workspaceFolders: [{ uri, name: 'bench' }] });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    conn,
    proc,
    nextDiagnostics: (u, version) =>
      new Promise((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no diagnostics for version ${version} within 10 s`)), 10000);
        waiting.set(u, { version, resolve: (p) => (clearTimeout(t), res(p)) });
      }),
    stop: () => {
      conn.dispose();
      proc.kill();
    },
  };
}

/** The debounce every edit waited before the adaptive scheduling (the baseline). */
const FIXED_DEBOUNCE_MS = 120;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
export interface Latency { p50: number; p95: number }
const summary = (xs: number[]): Latency => ({ p50: pct(xs, 50), p95: pct(xs, 95) });

function promptFile(lines: number): string {
  const out: string[] = ['---', 'name: support', 'model:', '  api: chat', '---', 'system:'];
  for (let i = out.length; i < lines; i++) out.push(`Line ${i}: answer the customer politely, cite the order number and never share internal notes {{ var_${i % 50} }}.`);
  return `${out.join('\n')}\n`;
}

function jsonlTrace(bytes: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const l = JSON.stringify({ ts: 1_700_000_000 + i, role: i % 2 ? 'assistant' : 'user', content: `message ${i}: the weather in city ${i % 97} is mild, temperature ${i % 30} degrees`, tokens: i % 400 });
    out.push(l);
    n += l.length + 1;
  }
  return `${out.join('\n')}\n`;
}

/**
 * 100 single-character edits in the middle of the file, each waited for before the next.
 * `debounceMs`: the old fixed debounce as the same-run baseline, played by this client — each
 * change is sent that long after the keystroke, which is what a server-side fixed debounce did to
 * edits that are waited for one at a time (no later change ever restarted its timer).
 */
async function editLatency(s: Server, uri: string, languageId: string, text: string, debounceMs = 0, edits = 100): Promise<Latency> {
  await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  await s.nextDiagnostics(uri, 1);
  const lines = text.split('\n').length;
  const times: number[] = [];
  for (let v = 2; v < edits + 2; v++) {
    const line = Math.floor(lines / 2) + (v % 50);
    const wait = s.nextDiagnostics(uri, v);
    const t0 = performance.now();
    if (debounceMs) await new Promise((r) => setTimeout(r, debounceMs)); // the debounce being measured, not synchronisation
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }] });
    await wait;
    times.push(performance.now() - t0);
  }
  return summary(times);
}

function policyWith(secrets: number): string {
  const lines = ['version: 1', 'threatModels:', '  web:', '    exposure: internet', '    privilege: medium', '    modelInLoop: true', '    dataSensitivity: internal', 'stores:', '  keychain:', '    type: keychain', 'secrets:'];
  for (let i = 0; i < secrets; i++) lines.push(`  - id: secret-${i}`, '    kind: api-key', '    owner: machine', '    threatModel: web', '    maxAge: 30d', '    stores: [keychain]', `    references:`, `      env: [SECRET_${i}]`);
  return `${lines.join('\n')}\n`;
}

async function policyRequests(s: Server, dir: string): Promise<{ hover: Latency; completion: Latency }> {
  const path = join(dir, 'rotation-policy.yaml');
  const text = policyWith(100);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await s.nextDiagnostics(uri, 1);
  const lines = text.split('\n');
  const hover: number[] = [];
  const completion: number[] = [];
  // The first 20 of 120 rounds warm the JIT up and are not counted (the figures are for a server in use).
  for (let i = -20; i < 100; i++) {
    const line = 11 + (((i + 20) * 8 + 1) % (lines.length - 12)); // a `kind:`/`owner:`… line of some secret
    let t0 = performance.now();
    await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 6 } });
    if (i >= 0) hover.push(performance.now() - t0);
    t0 = performance.now();
    await s.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: (lines[line] ?? '').length } });
    if (i >= 0) completion.push(performance.now() - t0);
  }
  return { hover: summary(hover), completion: summary(completion) };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function scanRss(files: number): Promise<{ rssBefore: number; rssAfter: number; rssSettled: number; filesScanned: number; findings: number; ms: number }> {
  const ws = mkdtempSync(join(tmpdir(), 'rg-bench-lsp-scan-'));
  try {
    for (let i = 0; i < files; i++) {
      const sub = join(ws, `pkg${i % 100}`);
      if (i < 100) mkdirSync(sub);
      const planted = i % 500 === 0 ? `\nOPENAI_API_KEY=sk-proj-${randomBytes(30).toString('base64url')}T3BlbkFJ${randomBytes(30).toString('base64url')}\n` : '';
      writeFileSync(join(sub, `file${i}.${i % 3 ? 'md' : 'py'}`), `# module ${i}\n${'def handler(event):\n    return {"status": 200, "body": "ok"}\n'.repeat(20)}${planted}`);
    }
    const s = await start(ws);
    try {
      const rssBefore = rssMb(s.proc.pid!);
      const t0 = performance.now();
      const res = await s.conn.sendRequest(ScanWorkspaceRequest.type, {});
      const ms = performance.now() - t0;
      const rssAfter = rssMb(s.proc.pid!);
      // Also after 3 s idle, when V8 may have given memory back (shown; the target is judged on rssAfter).
      await new Promise((r) => setTimeout(r, 3000));
      return { rssBefore, rssAfter, rssSettled: rssMb(s.proc.pid!), filesScanned: res.filesScanned, findings: res.findings, ms };
    } finally {
      s.stop();
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

export async function runLspBench(log: (s: string) => void): Promise<{ ok: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-lsp-'));
  let ok = true;
  // RG_BENCH_LSP_ONLY=edit|policy|scan|pull runs one part (for iterating on it).
  const only = process.env.RG_BENCH_LSP_ONLY;
  const part = (name: string) => !only || only === name;
  try {
    if (part('edit')) {
    // A 100-secret policy in the workspace, so every edit also looks for its env var names.
    writeFileSync(join(dir, 'rotation-policy.yaml'), policyWith(100));
    const prompt = promptFile(5000);
    const trace = jsonlTrace(1024 * 1024);
    for (const [name, file, lang, text, target] of [
      ['5,000-line prompt', 'system.prompt', 'plaintext', prompt, 20],
      ['1 MiB JSONL trace', 'trace.jsonl', 'jsonl', trace, 100],
    ] as const) {
      // Three rounds, adaptive and fixed-debounce servers alternating, so a stall of this shared
      // machine lands in one round of both; the median round is reported, the worst one shown.
      const rounds: Array<{ a: Latency; f: Latency }> = [];
      for (let r = 0; r < 3; r++) {
        const adaptive = await start(dir);
        const a = await editLatency(adaptive, pathToFileURL(join(dir, file)).toString(), lang, text).finally(() => adaptive.stop());
        const fixed = await start(dir);
        const f = await editLatency(fixed, pathToFileURL(join(dir, file)).toString(), lang, text, FIXED_DEBOUNCE_MS).finally(() => fixed.stop());
        rounds.push({ a, f });
      }
      const byP95 = [...rounds].sort((x, y) => x.a.p95 - y.a.p95);
      const { a, f } = byP95[1]!;
      const met = a.p95 <= target;
      ok &&= met;
      log(`edit → diagnostics, ${name} (100 edits, median of 3 rounds): p50 ${a.p50.toFixed(1)} ms, p95 ${a.p95.toFixed(1)} ms (worst round p95 ${byP95[2]!.a.p95.toFixed(1)} ms); baseline fixed 120 ms debounce p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms (${(f.p95 / a.p95).toFixed(1)}x)   target p95 ≤ ${target} ms: ${met ? 'met' : 'MISSED'}`);
    }
    }
    if (part('policy')) {
    const s = await start(dir);
    try {
      const { hover, completion } = await policyRequests(s, dir);
      const met = hover.p95 <= 10 && completion.p95 <= 10;
      ok &&= met;
      log(`hover in a 100-secret policy (100 requests after 20 unmeasured): p50 ${hover.p50.toFixed(2)} ms, p95 ${hover.p95.toFixed(2)} ms; completion p50 ${completion.p50.toFixed(2)} ms, p95 ${completion.p95.toFixed(2)} ms   target p95 ≤ 10 ms: ${met ? 'met' : 'MISSED'}`);
    } finally {
      s.stop();
    }
    }
    if (part('scan')) {
    const scan = await scanRss(10_000);
    const met = scan.rssAfter <= 150;
    ok &&= met;
    log(`workspace scan of 10,000 files: ${scan.filesScanned} scanned, ${scan.findings} findings in ${(scan.ms / 1000).toFixed(1)} s; server RSS ${scan.rssBefore.toFixed(0)} MB idle (baseline) → ${scan.rssAfter.toFixed(0)} MB right after (${(scan.rssAfter / scan.rssBefore).toFixed(1)}x), ${scan.rssSettled.toFixed(0)} MB 3 s later   target ≤ 150 MB: ${met ? 'met' : 'MISSED'}`);
    }
    if (part('pull')) {
    const seconds = 30;
    const { cached, rescan } = await idlePullCpu(3000, seconds);
    const ratio = rescan.cpuMs / Math.max(cached.cpuMs, 10); // 10 ms: one clock tick, the resolution of /proc
    const met = ratio >= 10;
    ok &&= met;
    log(`idle editor, VS Code-like workspace pull every 2 s for ${seconds} s over 3,000 files: server CPU ${cached.cpuMs.toFixed(0)} ms (${cached.answers} answers after the first, first answer ${cached.firstAnswerMs.toFixed(0)} ms); baseline rescan on every pull ${rescan.cpuMs.toFixed(0)} ms (${rescan.answers} answers, first ${rescan.firstAnswerMs.toFixed(0)} ms) → ${ratio.toFixed(1)}x less CPU   target ≥ 10x: ${met ? 'met' : 'MISSED'}`);
    // A large real repository when one is at hand (RG_BENCH_PULL_REPO, else the pool's crewAI), else a generated one.
    const repo = process.env.RG_BENCH_PULL_REPO ?? '/tmp/pool/crewAI';
    const big = existsSync(repo) ? { folder: repo, name: basename(repo), generated: false } : { folder: generatedWorkspace(10_000), name: '10,000 generated files', generated: true };
    try {
      const { worker: w, inThread: t } = await hoverDuringPull(big.folder);
      const ratio = t.p95 / Math.max(w.p95, 0.1);
      log(`hover while the first workspace pull of ${big.name} runs (${w.items} files with problems): in the scan worker p50 ${w.p50.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms, max ${w.max.toFixed(0)} ms over ${w.hovers} hovers (pull ${(w.pullMs / 1000).toFixed(1)} s); baseline pull in the server thread p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(0)} ms over ${t.hovers} hovers (pull ${(t.pullMs / 1000).toFixed(1)} s) → p95 ${ratio.toFixed(1)}x`);
    } finally {
      if (big.generated) rmSync(big.folder, { recursive: true, force: true });
    }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ok };
}

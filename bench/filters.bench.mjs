// Filters benchmark (run by `npm run bench`, after the build; `npm run bench -- filters` alone).
// Targets (issue #23): a hook decision for a 10 KB payload p99 ≤ 5 ms in process and ≤ 80 ms as a
// process (Node's own start measured beside it); proxy added latency p99 ≤ 2 ms per 10 KB request
// and time-to-first-token overhead ≤ 5 ms; 100 % of keys split at every chunk boundary masked;
// 0 of 1,000 ordinary prompts and responses (this repository's docs and sources, node_modules
// READMEs) blocked or altered. Every figure sits next to its baseline from the same run.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ordinarySamples } from './filters/ordinary.mjs';
import { benchProxy, PASS_THROUGH } from './filters/proxy.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const h = require(join(repo, 'out', 'bench', 'filters', 'harness.js'));
const cli = join(repo, 'dist', 'cli.js');
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (ns) => Number(ns) / 1e6;
const fmt = (x) => x.toFixed(2);
const now = () => process.hrtime.bigint();

const { files, samples } = ordinarySamples(repo);
const tenKb = samples.map((s) => s.text).join('\n').slice(0, 10 * 1024);

// 1. Hook decision in process, 10 KB payload (Claude Code PreToolUse, Bash), with and without a key.
{
  const clean = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: repo, tool_name: 'Bash', tool_input: { command: `cat <<'EOF'\n${tenKb}\nEOF` } });
  const dirty = JSON.stringify({ hook_event_name: 'PreToolUse', cwd: repo, tool_name: 'Bash', tool_input: { command: `cat <<'EOF'\n${tenKb.slice(0, 5000)} ${h.fake.openaiProject()} ${tenKb.slice(5000)}\nEOF` } });
  for (const [name, payload] of [['no key', clean], ['one key', dirty]]) {
    for (let i = 0; i < 50; i++) h.decideHook('claude-code', payload, { cwd: repo });
    const t = [];
    const base = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 1000; i++) h.decideHook('claude-code', payload, { cwd: repo });
    const cpu = process.cpuUsage(cpu0);
    for (let i = 0; i < 1000; i++) {
      const a = now();
      JSON.parse(payload);
      base.push(ms(now() - a));
      const b = now();
      h.decideHook('claude-code', payload, { cwd: repo });
      t.push(ms(now() - b));
    }
    console.log(`hook decision in process, 10 KB payload (${name}): p50 ${fmt(pct(t, 50))} ms, p99 ${fmt(pct(t, 99))} ms (target p99 ≤ 5 ms); CPU per decision (mean of 1,000, unaffected by waiting for a core) ${fmt((cpu.user + cpu.system) / 1000 / 1000)} ms; baseline JSON.parse of it p99 ${fmt(pct(base, 99))} ms`);
  }
}

// 2. Hook as a process: `hook claude-code < 10 KB payload`, with and without a key, from the plain
// bundle (node dist/cli.js) and from the hook's V8 startup snapshot (node --snapshot-blob BLOB, the
// command `hooks install` writes goes through dist/hook-launch.sh), beside `node -e 0` and the
// snapshot started without a payload (Node's start plus loading the blob), and through the resident
// hook server (`bash hook-launch.sh`, cli/src/hook/server.ts) with its parts. Interleaved; CPU time
// (user+sys, bash's `time` to the millisecond): on a shared machine it says more than wall time.
{
  const payload = (text) => JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: repo, prompt: text });
  const clean = payload(tenKb);
  const dirty = payload(`${tenKb.slice(0, 5000)} ${h.fake.githubPat()} ${tenKb.slice(5000)}`);
  const snapDir = mkdtempSync(join(tmpdir(), 'rg-bench-snapshot-'));
  const blob = join(snapDir, 'hook', 'hook.blob');
  const built = spawnSync(process.execPath, [cli, 'hooks', 'snapshot', '--blob', blob], { cwd: repo, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`hooks snapshot failed: ${built.stderr}`);
  const launcher = join(repo, 'dist', 'hook-launch.sh');
  // The resident hook server for this blob (its state file sits beside it), started here and stopped below.
  const server = await startHookServer(blob.replace(/\.blob$/, '.server'));
  const viaServer = ['/bin/bash', launcher, process.execPath, blob, 'hook', 'claude-code'];
  const roundTrip = '{ read -r v; read -r port; read -r c; read -r s; } <"$1"; exec 3<>"/dev/tcp/127.0.0.1/$port"; printf "%s\\0" "$c" >&3; IFS= read -r -d "" -t 1 got <&3; [[ $got == "$s" ]]';
  const variants = {
    'node -e 0': { cmd: [process.execPath, '-e', '0'], input: '' },
    'snapshot, no payload (Node start + blob)': { cmd: [process.execPath, '--snapshot-blob', blob, 'start-only'], input: '' },
    'plain bundle, no key': { cmd: [process.execPath, cli, 'hook', 'claude-code'], input: clean },
    'plain bundle, one key': { cmd: [process.execPath, cli, 'hook', 'claude-code'], input: dirty },
    'snapshot, no key': { cmd: [process.execPath, '--snapshot-blob', blob, 'hook', 'claude-code'], input: clean },
    'snapshot, one key': { cmd: [process.execPath, '--snapshot-blob', blob, 'hook', 'claude-code'], input: dirty },
    'snapshot via hook-launch.sh, one key': { cmd: ['/bin/sh', launcher, process.execPath, blob, 'hook', 'claude-code'], input: dirty },
    'bash -c "exit 0" (the launcher\'s shell alone)': { cmd: ['bash', '-c', 'exit 0'], input: '' },
    'bash + ls -ldn (the state file check)': { cmd: ['bash', '-c', 'x=$(LC_ALL=C ls -ldn -- "$1" "$2")', 'bash', dirname(blob), blob], input: '' },
    'bash + one round trip to the server (its token for ours)': { cmd: ['bash', '-c', roundTrip, 'bash', blob.replace(/\.blob$/, '.server')], input: '' },
    'resident server via hook-launch.sh (bash), no key': { cmd: viaServer, input: clean, server: true },
    'resident server via hook-launch.sh (bash), one key': { cmd: viaServer, input: dirty, server: true },
  };
  // Each hook variant must answer what its payload calls for before it is timed.
  for (const [name, v] of Object.entries(variants)) {
    if (!name.includes('key')) continue;
    const trace = join(snapDir, 'trace');
    const r = spawnSync(v.cmd[0], v.cmd.slice(1), { input: v.input, cwd: repo, encoding: 'utf8', env: { ...process.env, ROTATION_GUARD_HOOK_SERVER_TRACE: trace } });
    const blocks = r.stdout.includes('"decision":"block"');
    if (r.status !== 0 || blocks !== name.includes('one key')) throw new Error(`${name}: exit ${r.status}, ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`);
    // The same answer as the process, and from the server, not from a fallback.
    if (v.server) {
      const direct = spawnSync(process.execPath, ['--snapshot-blob', blob, ...v.cmd.slice(4)], { input: v.input, cwd: repo, encoding: 'utf8' });
      const way = readFileSync(trace, 'utf8').trim();
      rmSync(trace);
      if (way !== 'server' || direct.stdout !== r.stdout || direct.stderr !== r.stderr || direct.status !== r.status) throw new Error(`${name}: answered by '${way}', or not as the process`);
    }
  }
  // The decision alone, in process, for this payload (what the server does per request, besides reading the policy).
  const decision = [];
  for (let i = 0; i < 300; i++) {
    const a = now();
    h.decideHook('claude-code', dirty, { cwd: repo });
    if (i >= 100) decision.push(ms(now() - a));
  }
  const timed = ({ cmd, input }) => {
    const r = spawnSync('bash', ['-c', 'TIMEFORMAT="T=%3R %3U %3S"; time "$@" >/dev/null 2>&1', 'bash', ...cmd], { input, cwd: repo, encoding: 'utf8' });
    const m = /T=([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (!m) throw new Error(`no timing: ${r.stderr}`);
    return { wall: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
  };
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const v of Object.values(variants)) timed(v);
  for (let i = 0; i < 30; i++) for (const [k, v] of Object.entries(variants)) runs[k].push(timed(v));
  const med = (k, f) => pct(runs[k].map((x) => x[f]), 50);
  for (const k of Object.keys(variants)) {
    const cpu = runs[k].map((x) => x.cpu);
    const wall = runs[k].map((x) => x.wall);
    console.log(`hook as a process, 10 KB payload — ${k}: CPU p50 ${fmt(pct(cpu, 50))} / p99 ${fmt(pct(cpu, 99))} ms; wall p50 ${fmt(pct(wall, 50))} / p99 ${fmt(pct(wall, 99))} ms`);
  }
  const node0 = med('node -e 0', 'cpu');
  const start = med('snapshot, no payload (Node start + blob)', 'cpu');
  const snap = med('snapshot, one key', 'cpu');
  console.log(`  target ≤ 80 ms with Node's start; node -e 0 alone takes ${fmt(node0)} ms of CPU here, leaving ${fmt(80 - node0)} ms for the hook`);
  console.log(`  what dominates, from the snapshot (CPU p50): Node's own start ${fmt(node0)} ms (${fmt((100 * node0) / snap)} %), loading the blob +${fmt(start - node0)} ms, reading the payload and deciding +${fmt(snap - start)} ms (the engine's first run: its functions are bytecode in the blob, not yet optimised); the plain bundle adds loading and compiling dist/cli-hook-engine.js and building the rules and prefilter: ${fmt(med('plain bundle, one key', 'cpu') - node0)} ms over node -e 0`);
  const shell = med('bash -c "exit 0" (the launcher\'s shell alone)', 'wall');
  const ls = med('bash + ls -ldn (the state file check)', 'wall') - shell;
  const trip = med('bash + one round trip to the server (its token for ours)', 'wall') - shell;
  const resident = runs['resident server via hook-launch.sh (bash), one key'].map((x) => x.wall);
  const dec = pct(decision, 50);
  console.log(`  resident server (per hook call a shell and local round trips instead of a Node start; the server's CPU is its own process's, not in the CPU figures above): wall p50 ${fmt(pct(resident, 50))} / p99 ${fmt(pct(resident, 99))} ms against the target ≤ 80 ms, beside node -e 0 wall p50 ${fmt(med('node -e 0', 'wall'))} / p99 ${fmt(pct(runs['node -e 0'].map((x) => x.wall), 99))} ms and the snapshot process (one key) wall p50 ${fmt(med('snapshot, one key', 'wall'))} / p99 ${fmt(pct(runs['snapshot, one key'].map((x) => x.wall), 99))} ms`);
  console.log(`  what dominates it (wall p50): bash's start ${fmt(shell)} ms, the state file's mode check (ls) +${fmt(ls)} ms, one round trip to the server +${fmt(trip)} ms (the launcher makes three, and waits for the server to be scheduled each time), the decision (in process, this payload) ${fmt(dec)} ms, the rest (environment, the payload connection, cat copying the payload, reading the policy, answer) ${fmt(pct(resident, 50) - shell - ls - trip - dec)} ms`);
  await stopHookServer(server);
  rmSync(snapDir, { recursive: true, force: true });
}

// 3. Proxy: added latency per 10 KB request and time to first token, the proxy in a process of
// its own (bench/filters/proxy.mjs); then the same measure of a plain Node pass-through that scans
// nothing, the floor any Node proxy pays on this host, in the same minutes.
await benchProxy(samples.map((s) => s.text).join('\n'), { ordinary: samples.map((s) => s.text) });
await benchProxy(samples.map((s) => s.text).join('\n'), { cli: PASS_THROUGH, log: (l) => console.log(l.replace(/^proxy/, 'the floor (a plain Node pass-through, no scan)')) });

// 4. Keys split at every chunk boundary, through the stream redactor.
{
  const makers = Object.entries(h.fake).filter(([n]) => n !== 'password' && n !== 'awsSecret');
  let total = 0;
  let masked = 0;
  for (const [, make] of makers) {
    const key = make();
    const text = `Here is the key: ${key} — keep it.`;
    for (let c = 0; c <= text.length; c++) {
      const r = new h.StreamRedactor(new h.RedactionSession());
      const out = r.push(text.slice(0, c)) + r.push(text.slice(c)) + r.end();
      total++;
      let leaked = false;
      for (let i = 0; i + 8 <= key.length && !leaked; i++) leaked = out.includes(key.slice(i, i + 8));
      if (!leaked) masked++;
    }
  }
  console.log(`keys split at every chunk boundary: ${masked}/${total} masked (${fmt((100 * masked) / total)} %; ${makers.length} key shapes; target 100 %)`);
}

// 5. Ordinary prompts and responses: nothing blocked, nothing altered.
{
  let altered = 0;
  let blocked = 0;
  const where = [];
  for (const s of samples) {
    const r = h.redactText(s.text, new h.RedactionSession());
    if (r.text !== s.text) {
      altered++;
      where.push(`${s.file} (${r.spans.map((x) => x.ruleId).join(', ')})`);
    }
    const d = h.decideHook('cursor', JSON.stringify({ hook_event_name: 'beforeSubmitPrompt', prompt: s.text, workspace_roots: [] }), { cwd: '/nonexistent' });
    if (!d.stdout.includes('"continue":true')) blocked++;
  }
  console.log(`ordinary prompts and responses (${samples.length} samples of whole lines, up to 2,000 characters, from ${files.length} files): ${altered} altered, ${blocked} blocked (target 0 and 0)${where.length ? `\n  ${where.slice(0, 10).join('\n  ')}` : ''}`);
}

/** Starts `rotation-guard hook-server` for a state file and resolves once it listens. */
async function startHookServer(state) {
  const child = spawn(process.execPath, [cli, 'hook-server', '--state', state, '--idle-ms', '3600000'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise((res, rej) => {
    child.stdout.on('data', (d) => (out += d) && out.includes('listening') && res());
    child.once('exit', (code) => rej(new Error(`hook-server exited ${code}: ${out}`)));
  });
  return child;
}

async function stopHookServer(child) {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

// Proxy latency bench (issue #23: added latency p99 ≤ 2 ms per 10 KB request, time to first
// token overhead ≤ 5 ms). Three processes, as in use: this one is the app (client), the upstream
// runs in its own (proxy-upstream.mjs), and the proxy is `node dist/cli.js proxy` with --trace-gc
// and ROTATION_GUARD_PROXY_TIMING (its own clock marks per request). Direct and proxied requests
// alternate (which goes first alternates too), each over its own kept-alive connection, both warmed
// first; the added p99 (p99 through the proxy minus p99 direct) comes with a bootstrap interval,
// since a difference of two tail percentiles is noisy. Called by filters.bench.mjs with the ordinary
// text it builds; alone: `node bench/filters/proxy.mjs [--runs N] [--pairs N] [--cli dist/cli.js]
// [--baseline OTHER/dist/cli.js] [--floor] [--warm N] [--node-flags '...'] [--pin]` after the build
// (--cli: the build to measure, default this tree's; --baseline: another build run in turn with it;
// --floor: a plain Node pass-through that scans nothing, run in turn too (pass-through-proxy.mjs);
// --warm: pairs sent before the measured ones, default 300; --node-flags: Node
// options for the proxy's process; --pin: the app and the upstream on CPU 0, the proxy on CPU 1,
// with taskset, for direct and proxied requests alike).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ordinarySamples } from './ordinary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
/** A proxy that scans nothing (pass-through-proxy.mjs): what any Node proxy adds on this host. */
export const PASS_THROUGH = join(here, 'pass-through-proxy.mjs');
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sortNum = (xs) => Float64Array.from(xs).sort();
const fmt = (x) => x.toFixed(2);
const now = () => process.hrtime.bigint();
const ms = (ns) => Number(ns) / 1e6;

/** p99(b) − p99(a) and its 95 % bootstrap interval (each sample resampled on its own). */
function addedP(a, b, p, rounds = 1000) {
  const point = pct(sortNum(b), p) - pct(sortNum(a), p);
  const diffs = new Float64Array(rounds);
  const ra = new Float64Array(a.length);
  const rb = new Float64Array(b.length);
  let seed = 0x9e3779b9;
  const rnd = (n) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return Math.floor(((seed >>> 0) / 4294967296) * n);
  };
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < a.length; i++) ra[i] = a[rnd(a.length)];
    for (let i = 0; i < b.length; i++) rb[i] = b[rnd(b.length)];
    ra.sort();
    rb.sort();
    diffs[r] = pct(rb, p) - pct(ra, p);
  }
  diffs.sort();
  return { point, lo: pct(diffs, 2.5), hi: pct(diffs, 97.5) };
}

/** `cpu`: the CPU to pin the child to (taskset runs Node in its own process: the pid is Node's). */
function startChild(args, opts, ready, cpu) {
  const child = cpu === undefined ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }) : spawn('taskset', ['-c', String(cpu), process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const out = [];
  let line = '';
  const found = new Promise((res, rej) => {
    const onText = (t) => {
      line += t;
      let nl;
      while ((nl = line.indexOf('\n')) >= 0) {
        const l = line.slice(0, nl);
        line = line.slice(nl + 1);
        out.push(l);
        const m = ready(l);
        if (m) res(m);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onText);
    child.stderr.setEncoding('utf8').on('data', onText);
    child.once('exit', (code) => rej(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-5).join('\n')}`)));
  });
  return { child, out, found };
}

/** utime + stime of a process, in ms (clock ticks of 10 ms: read over thousands of requests). */
function cpuOf(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** GC pauses from --trace-gc lines: `…: Scavenge 5.1 (6.3) -> 4.6 (7.3) MB, 0.45 / 0.00 ms …`. */
function gcPauses(lines) {
  const out = [];
  for (const l of lines) {
    const m = /ms: ([A-Za-z -]+?) [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, ([\d.]+) \/ ([\d.]+) ms/.exec(l);
    if (m) out.push({ kind: m[1], ms: Number(m[2]) });
  }
  return out;
}

/**
 * One run; `text` is ordinary text (sources and docs) of at least 20 KB, `ordinary` prompts sent
 * through the proxy once each to check that nothing in them is altered either way.
 */
export async function benchProxy(text, { ordinary = [], pairs = 2000, warm = 300, log = console.log, cli = join(repo, 'dist', 'cli.js'), nodeFlags = [], pin = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-proxy-'));
  const timingFile = join(dir, 'timing.jsonl');
  // Pinned: this process (the app) and the upstream share CPU 0, the proxy has CPU 1. Unpinned, the
  // three processes take whichever of the two cores is free, and a proxied request waits when the
  // app or the upstream holds the core the proxy was woken on; a direct request has no third process.
  if (pin) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const up = startChild([join(here, 'proxy-upstream.mjs'), text.slice(0, 2000)], {}, (l) => /^\d+$/.test(l) && Number(l), pin ? 0 : undefined);
  const upPort = await up.found;
  const px = startChild([...nodeFlags, '--trace-gc', cli, 'proxy', '--listen', '127.0.0.1:0', '--upstream', `http://127.0.0.1:${upPort}`], { cwd: dir, env: { ...process.env, ROTATION_GUARD_PROXY_TIMING: timingFile } }, (l) => Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(l)?.[1] ?? 0), pin ? 1 : undefined);
  const pxPort = await px.found;
  const load0 = loadavg();
  const agents = { [upPort]: new Agent({ keepAlive: true, maxSockets: 1 }), [pxPort]: new Agent({ keepAlive: true, maxSockets: 1 }) };
  const call = (port, path, body, firstByte) =>
    new Promise((res, rej) => {
      const a = now();
      const r = request({ host: '127.0.0.1', port, path, method: 'POST', agent: agents[port], headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer bench' } }, (resp) => {
        let first;
        resp.on('data', () => (first ??= now()));
        resp.on('end', () => res(ms((firstByte ? first : now()) - a)));
      });
      r.on('error', rej);
      r.end(body);
    });
  // What went through the proxy, in order: its timing records line up with this list.
  const sent = [];
  const pair = async (i, path, body, firstByte, kind) => {
    const order = i % 2 ? [pxPort, upPort] : [upPort, pxPort];
    const t = {};
    for (const port of order) {
      t[port] = await call(port, path, body, firstByte);
      if (port === pxPort) sent.push(kind);
    }
    return [t[upPort], t[pxPort]];
  };
  const span = text.length - 10240;
  const fresh = (i) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content: text.slice((i * 10007) % span, ((i * 10007) % span) + 10240) }] });
  const repeated = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: text.slice(0, 10240) }] });
  const results = {};
  const gcBefore = () => gcPauses(px.out).length;
  let cpu0 = 0;
  let gc0 = 0;
  const measure = async (kind, n, path, bodyOf, firstByte, warmN = warm) => {
    for (let i = 0; i < warmN; i++) await pair(i, path, bodyOf(i), firstByte, 'warm');
    const d = [];
    const v = [];
    cpu0 = cpuOf(px.child.pid);
    gc0 = gcBefore();
    for (let i = 0; i < n; i++) {
      const [a, b] = await pair(i, path, bodyOf(warm + i), firstByte, kind);
      d.push(a);
      v.push(b);
    }
    results[kind] = { d, v, cpu: (cpuOf(px.child.pid) - cpu0) / n, gc: gcPauses(px.out).slice(gc0) };
  };
  await measure('fresh', pairs, '/v1/chat/completions', fresh, false);
  await measure('resent', Math.ceil(pairs / 2), '/v1/chat/completions', () => repeated, false);
  await measure('ttft', Math.ceil(pairs / 10), '/v1/stream', () => repeated, true, 20);
  // Ordinary prompts: the upstream must get each request byte for byte, the app each answer.
  // The reference: which of them the engine alone alters (a doc that quotes a credential example).
  let alteredRequests = 0;
  let alteredResponses = 0;
  let differs = 0;
  let byEngine = 0;
  const { redactText, RedactionSession } = createRequire(import.meta.url)(join(repo, 'out', 'bench', 'filters', 'harness.js'));
  for (const prompt of ordinary) {
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: prompt }] });
    const got = await new Promise((res, rej) => {
      const r = request({ host: '127.0.0.1', port: pxPort, path: '/v1/echo', method: 'POST', agent: agents[pxPort], headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (resp) => {
        const chunks = [];
        resp.on('data', (c) => chunks.push(c));
        resp.on('end', () => res({ sha: resp.headers['x-received-sha256'], answer: JSON.parse(Buffer.concat(chunks).toString()).choices[0].message.content }));
      });
      r.on('error', rej);
      r.end(body);
    });
    sent.push('ordinary');
    const inRequest = got.sha !== createHash('sha256').update(body).digest('hex');
    const engine = redactText(prompt, new RedactionSession()).text !== prompt;
    if (inRequest) alteredRequests++;
    if (got.answer !== prompt) alteredResponses++;
    if (engine) byEngine++;
    if (inRequest !== engine || (got.answer !== prompt) !== engine) differs++;
  }
  const load1 = loadavg();
  for (const a of Object.values(agents)) a.destroy();
  px.child.kill('SIGTERM');
  await once(px.child, 'exit');
  up.child.kill('SIGTERM');
  await once(up.child, 'exit');
  // A proxy built before ROTATION_GUARD_PROXY_TIMING existed (a baseline) writes no records.
  const lines = existsSync(timingFile) ? readFileSync(timingFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  const records = lines.filter((l) => l.gc === undefined);
  const gcs = lines.filter((l) => l.gc !== undefined);
  rmSync(dir, { recursive: true, force: true });
  if (records.length && records.length !== sent.length) throw new Error(`the proxy timed ${records.length} requests, ${sent.length} were sent`);

  log(`proxy bench: load average ${load0.map(fmt).join(' ')} at start, ${load1.map(fmt).join(' ')} at end (${cpus().length} cores, shared); client, proxy (${[...nodeFlags, cli.slice(repo.length + 1) || cli].join(' ')} proxy) and upstream in three processes${pin ? ', pinned: client and upstream on CPU 0, proxy on CPU 1' : ''}`);
  const line = (kind, what) => {
    const { d, v, cpu, gc } = results[kind];
    const sd = sortNum(d);
    const sv = sortNum(v);
    const a99 = addedP(d, v, 99);
    const a50 = addedP(d, v, 50);
    const gcMs = gc.reduce((s, g) => s + g.ms, 0);
    log(`proxy, ${what} (${d.length} interleaved pairs after a warm-up): direct p50 ${fmt(pct(sd, 50))} / p99 ${fmt(pct(sd, 99))} ms; through the proxy p50 ${fmt(pct(sv, 50))} / p99 ${fmt(pct(sv, 99))} ms; added p50 ${fmt(a50.point)} ms [95 % ${fmt(a50.lo)}, ${fmt(a50.hi)}], added p99 ${fmt(a99.point)} ms [95 % ${fmt(a99.lo)}, ${fmt(a99.hi)}]; proxy CPU ${fmt(cpu)} ms per request; proxy GC ${gc.length} pauses, ${fmt(gcMs)} ms in all, longest ${fmt(Math.max(0, ...gc.map((g) => g.ms)))} ms`);
    return { p50: a50.point, p99: a99.point, gc: gc.length, cpu };
  };
  const summary = {
    altered: alteredRequests + alteredResponses,
    differs,
    fresh: line('fresh', 'fresh 10 KB JSON request + 2 KB response (target added p99 ≤ 2 ms)'),
    resent: line('resent', 'the same 10 KB conversation resent + 2 KB response (target added p99 ≤ 2 ms)'),
    ttft: line('ttft', 'time to first streamed event (target overhead ≤ 5 ms)'),
  };
  // Where the proxy's time goes, from its own clock (ms since the request's headers were parsed),
  // and which requests a garbage collection in the proxy overlapped (same clock).
  const gcIn = (r) => gcs.reduce((sum, g) => sum + Math.max(0, Math.min(g.start + g.duration, r.at + r.finished) - Math.max(g.start, r.at)), 0);
  const steps = (r) => ({
    read: r.read,
    scan: r.scanned - r.read,
    'to socket': r.socket - r.scanned,
    'upstream first byte': r.firstByte - r.scanned,
    'upstream body': r.upstreamEnd - r.firstByte,
    'response scan': r.responseScan,
    write: r.finished - r.upstreamEnd - r.responseScan,
    'in proxy': r.finished,
    'own (in proxy but the upstream wait)': r.finished - (r.firstByte - r.scanned),
    'process CPU': r.cpu,
    GC: gcIn(r),
  });
  if (ordinary.length) log(`proxy, ${ordinary.length} ordinary prompts sent through it and echoed back: ${alteredRequests} requests and ${alteredResponses} answers altered (target 0); the engine alone alters ${byEngine} of them, and the proxy's choice differs from the engine's for ${differs}`);
  if (!records.length) return summary;
  const fr = records.filter((_, i) => sent[i] === 'fresh').map(steps);
  const names = Object.keys(fr[0]);
  const byTotal = [...fr].sort((a, b) => a['in proxy'] - b['in proxy']);
  const slow = byTotal.slice(Math.floor(byTotal.length * 0.99));
  const mean = (rs, k) => rs.reduce((s, r) => s + r[k], 0) / rs.length;
  const q = (k, p) => fmt(pct(sortNum(fr.map((r) => r[k])), p));
  summary.scan = { p50: Number(q('scan', 50)), p99: Number(q('scan', 99)) };
  // The proxy's process CPU while each fresh request was in flight (requests go one at a time).
  summary.cpuStep = { p50: Number(q('process CPU', 50)), p99: Number(q('process CPU', 99)) };
  log(`  inside the proxy, fresh requests, p50 / p99 per step (ms): ${names.map((k) => `${k} ${q(k, 50)} / ${q(k, 99)}`).join('; ')}`);
  log(`  a GC pause overlapped ${fr.filter((r) => r.GC > 0).length} of ${fr.length} fresh requests (${gcs.filter((g) => g.gc === 'scavenge').length} scavenges and ${gcs.filter((g) => g.gc !== 'scavenge').length} other collections over the whole run)`);
  log(`  the slowest 1 % inside the proxy (${slow.length} requests), mean per step (ms): ${names.map((k) => `${k} ${fmt(mean(slow, k))}`).join('; ')}; ${slow.filter((r) => r.GC > 0).length} of them overlapped a GC pause; kept-alive upstream socket reused for ${records.filter((r) => r.reused).length} of ${records.length - 1} requests after the first`);
  return summary;
}

// Run alone: the ordinary samples filters.bench.mjs passes (bench/filters/ordinary.mjs), the
// fresh bodies cut from them joined.
// With --baseline OTHER/dist/cli.js the two builds take turns run by run, and which goes first
// alternates by round. On the shared host a comparison that always started with the same build
// was biased: 6 rounds of the raw-JSON proxy against its parent, new build first, put its CPU per
// request 0.17 ms above the old one's (slower in 6 of 6 rounds); 6 rounds with the old build first
// put it 0.01 ms above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opt = (n) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : undefined);
  const runs = Number(opt('--runs') ?? 1) || 1;
  const pairs = Number(opt('--pairs') ?? 2000) || 2000;
  const warm = Number(opt('--warm') ?? 300) || 300;
  const { samples } = ordinarySamples(repo);
  const ordinary = samples.map((s) => s.text);
  const text = ordinary.join('\n');
  const nodeFlags = (opt('--node-flags') ?? '').split(' ').filter(Boolean);
  const pin = process.argv.includes('--pin');
  const builds = [{ name: 'this build', cli: opt('--cli') ? resolve(opt('--cli')) : join(repo, 'dist', 'cli.js'), all: [] }];
  if (opt('--baseline')) builds.push({ name: 'baseline', cli: resolve(opt('--baseline')), all: [] });
  if (process.argv.includes('--floor')) builds.push({ name: 'plain Node pass-through (the floor)', cli: PASS_THROUGH, all: [] });
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [...builds].reverse() : builds;
    for (const b of order) {
      console.log(`--- run ${r + 1} of ${runs}${builds.length > 1 ? `, ${b.name} (${b.cli})${b === order[0] ? ', first in its round' : ''}` : ''}`);
      b.all.push(await benchProxy(text, { ordinary, pairs, warm, cli: b.cli, nodeFlags, pin }));
    }
  }
  if (runs > 1) {
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const b of builds) {
      const all = b.all;
      if (builds.length > 1) console.log(`${b.name}:`);
      for (const k of ['fresh', 'resent', 'ttft']) {
        for (const f of ['p50', 'p99']) console.log(`added ${f}, ${k}: ${all.map((s) => fmt(s[k][f])).join(', ')} ms over ${runs} runs (median ${fmt(med(all.map((s) => s[k][f])))} ms)`);
        console.log(`proxy GC pauses, ${k}: ${all.map((s) => s[k].gc).join(', ')}; proxy CPU per request ${all.map((s) => fmt(s[k].cpu)).join(', ')} ms (median ${fmt(med(all.map((s) => s[k].cpu)))})`);
      }
      const scans = all.filter((s) => s.scan);
      if (scans.length) for (const f of ['p50', 'p99']) console.log(`scan inside the proxy, fresh, ${f}: ${scans.map((s) => fmt(s.scan[f])).join(', ')} ms (median ${fmt(med(scans.map((s) => s.scan[f])))})`);
      if (scans.length) for (const f of ['p50', 'p99']) console.log(`process CPU per fresh request inside the proxy, ${f}: ${scans.map((s) => fmt(s.cpuStep[f])).join(', ')} ms (median ${fmt(med(scans.map((s) => s.cpuStep[f])))})`);
    }
  }
}

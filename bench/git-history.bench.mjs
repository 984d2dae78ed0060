// Git-history benchmark (run by `npm run bench`, after the build; `npm run bench -- git-history`
// alone): `rotation-guard scan --git-history` on a generated repository of 2,000 commits (~40 MiB
// added), next to `git log -p` piped to ripgrep with the reference rule list (the floor: the same
// history read by git, searched by the fastest regex engine, judging nothing) and `git log -p`
// alone (what both pay). Then peak RSS on 10,000 commits with a 3 MiB binary and a 12 MiB file.
// Alternating runs, medians: compare the ratios measured in this same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = join(repo, 'dist', 'cli.js');
const work = join(tmpdir(), 'rotation-guard-bench', 'git-history');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.error) throw r.error;
  return r;
}
/** Wall seconds and peak RSS (MB, GNU time) of a command. */
function measure(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = run('/usr/bin/time', ['-f', 'RSS_KB=%M', cmd, ...args], { cwd });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { s, rss: Number(/RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024, r };
}
for (const tool of ['/usr/bin/time', 'rg', 'git']) {
  if (run('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(`${tool} is missing (apt install time ripgrep git)`);
    process.exit(1);
  }
}
const { generateRepo } = require(join(repo, 'out', 'bench', 'git-history', 'generate-repo.js'));
const { ripgrepRulePatterns } = require(join(repo, 'out', 'bench', 'detect', 'ripgrep-patterns.js'));

function repoFor(name, opts) {
  const dir = join(work, name);
  const stamp = join(work, `${name}.json`);
  const want = JSON.stringify(opts);
  if (!existsSync(stamp) || run('cat', [stamp]).stdout !== want) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const t = Date.now();
    generateRepo(dir, opts);
    writeFileSync(stamp, want);
    console.log(`(generated ${name}: ${opts.commits} commits in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  return dir;
}

// 1. Throughput on 2,000 commits.
const dir = repoFor('repo-2000', { commits: 2000, bytesPerCommit: 20000, seed: 7 });
const patterns = join(work, 'rules.rg');
writeFileSync(patterns, `${ripgrepRulePatterns().join('\n')}\n`);
const logBytes = Number(run('sh', ['-c', 'git log -p | wc -c'], { cwd: dir }).stdout.trim());
const mib = logBytes / 1048576;
const floorCmd = `git log -p | rg --no-config --regex-size-limit 1G --dfa-size-limit 1G -c -f ${patterns}`;
// We ask git for one line of context (-U1) where `git log -p` gives three: the same floor at -U1
// reads what we read, so the ratio against it is the stricter one.
const floorU1Cmd = floorCmd.replace('git log -p', 'git log -p -U1');
const ours = [];
const floor = [];
const floorU1 = [];
const gitOnly = [];
let last;
const RUNS = 5;
for (let i = 0; i < RUNS; i++) {
  const m = measure(process.execPath, [cli, 'scan', '--git-history', '--format', 'json'], dir);
  if (m.r.status !== 1) throw new Error(`scan --git-history exited ${m.r.status}: ${m.r.stderr.slice(0, 300)}`);
  ours.push(m);
  last = m.r;
  const f = measure('sh', ['-c', floorCmd], dir);
  if (f.r.status !== 0) throw new Error(`git log -p | rg failed: ${f.r.stderr.slice(0, 300)}`);
  floor.push(f);
  floorU1.push(measure('sh', ['-c', floorU1Cmd], dir));
  gitOnly.push(measure('sh', ['-c', 'git log -p > /dev/null'], dir));
}
const oursS = median(ours.map((m) => m.s));
const floorS = median(floor.map((m) => m.s));
const floorU1S = median(floorU1.map((m) => m.s));
const gitS = median(gitOnly.map((m) => m.s));
const out = JSON.parse(last.stdout);
const peak = Math.max(...ours.map((m) => m.rss));
console.log(`--- ${out.commitsScanned} commits, git log -p = ${mib.toFixed(1)} MiB, median of ${RUNS} alternating runs`);
console.log(`rotation-guard scan --git-history: ${oursS.toFixed(2)} s wall = ${(mib / oursS).toFixed(1)} MiB/s of git log -p, peak RSS ${peak.toFixed(0)} MB, ${out.findings.length} findings (${out.findings.filter((f) => f.ruleId.startsWith('secret/')).length} by rules)`);
console.log(`floor, git log -p | rg (rule list, ${Number(floor[0].r.stdout.trim())} matching lines): ${floorS.toFixed(2)} s wall = ${(mib / floorS).toFixed(1)} MiB/s`);
console.log(`floor at -U1, git log -p -U1 | rg: ${floorU1S.toFixed(2)} s wall`);
console.log(`git log -p alone: ${gitS.toFixed(2)} s wall`);
console.log(`ratio: rotation-guard takes ${(oursS / floorS).toFixed(2)}x the floor's time (target <= 3x), ${(oursS / floorU1S).toFixed(2)}x the -U1 floor's; peak RSS ${peak.toFixed(0)} MB (target <= 200 MB)`);

// 2. Bounded memory: 10,000 commits, one 3 MiB binary and one 12 MiB text file among them.
const big = repoFor('repo-10000', { commits: 10000, bytesPerCommit: 2000, seed: 11, largeFiles: true });
const m = measure(process.execPath, [cli, 'scan', '--git-history', '--format', 'json'], big);
const o = JSON.parse(m.r.stdout);
console.log(`--- 10,000 commits with a 3 MiB binary and a 12 MiB file: ${m.s.toFixed(2)} s, peak RSS ${m.rss.toFixed(0)} MB (target <= 200 MB); skipped ${o.skipped.binary} binary, ${o.skipped.tooLarge} too large`);

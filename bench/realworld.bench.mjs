// Real-world precision (run by `npm run bench`, optional): scans local checkouts of public LLM
// repositories and prints findings per repository and per rule, plus a seeded random sample to read
// by hand. The checkouts are never committed; see bench/realworld/README.md for how to get them.
// Without them this section says so and succeeds.
//   ROTATION_GUARD_REALWORLD=DIR   where the checkouts live (default /tmp/realworld)
//   ROTATION_GUARD_REALWORLD_CLI=FILE  a second build to compare with (e.g. main's dist/cli.js)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPOSITORIES, SAMPLE_SIZE, sample } from './realworld/repositories.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = process.env.ROTATION_GUARD_REALWORLD ?? '/tmp/realworld';
const builds = [['this build', join(repo, 'dist', 'cli.js')]];
if (process.env.ROTATION_GUARD_REALWORLD_CLI) builds.unshift(['comparison build', resolve(process.env.ROTATION_GUARD_REALWORLD_CLI)]);
const extra = process.argv.slice(2);

const present = REPOSITORIES.filter((r) => existsSync(join(root, r.dir)));
if (!present.length) {
  console.log(`--- real-world repositories: no checkouts under ${root}; skipped (see bench/realworld/README.md)`);
  process.exit(0);
}
for (const r of REPOSITORIES.filter((r) => !present.includes(r))) console.log(`(${r.name}: no checkout at ${join(root, r.dir)}, skipped)`);

for (const [label, cli] of builds) {
  console.log(`--- real-world repositories, ${label} (${cli})`);
  const perRule = new Map();
  let total = 0;
  let targetTotal = 0;
  const all = [];
  for (const r of present) {
    const cwd = join(root, r.dir);
    const p = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', ...extra, '.'], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (p.status !== 0 && p.status !== 1) {
      console.log(`${r.name}: scan failed (${p.status}): ${p.stderr.slice(0, 300)}`);
      continue;
    }
    const out = JSON.parse(p.stdout);
    const rules = new Map();
    for (const f of out.findings) {
      rules.set(f.ruleId, (rules.get(f.ruleId) ?? 0) + 1);
      perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
      all.push({ repo: r.dir, ...f });
    }
    total += out.findings.length;
    if (r.target) targetTotal += out.findings.length;
    const mib = (out.bytesScanned / 1048576).toFixed(0);
    console.log(`${r.name}: ${out.findings.length} findings in ${out.filesScanned} files (${mib} MiB)`);
    for (const [id, n] of [...rules].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)} ${id}`);
  }
  console.log(`total: ${total} findings; the three target repositories: ${targetTotal} (target <= 20)`);
  for (const [id, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)} ${id}`);
  const picked = sample(all, SAMPLE_SIZE);
  if (picked.length) console.log(`sample of ${picked.length} to read (masked previews only):`);
  for (const f of picked) {
    const conf = typeof f.confidence === 'number' ? ` conf ${f.confidence.toFixed(2)}` : '';
    console.log(`  ${f.repo}/${f.file}:${f.line}:${f.column} ${f.ruleId}${conf} ${/\(([^)]*)\)/.exec(f.message)?.[1] ?? ''}`);
  }
}

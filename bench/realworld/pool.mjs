// Issue #21's pool: scans every checkout of bench/realworld/repositories.mjs with one or two builds
// and prints, per repository, files, findings, incidents (one value in one repository, all its
// locations), peak RSS, wall and CPU seconds (user + system, every thread), and how the incidents were labelled by hand (labels.json). Labels are
// keyed by repository and fingerprint, never by value.
//   node bench/realworld/pool.mjs [--cli FILE]... [--dump FILE] [--curve] [-- scan arguments]
//   ROTATION_GUARD_REALWORLD=DIR   where the checkouts live (default /tmp/pool)
// --curve (with `-- --min-confidence 0`) prints the precision/recall table by threshold.
// --dump writes every finding with its masked preview and the line it sits on to FILE (outside
// the repository: the line may hold the value) for reading by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPOSITORIES } from './repositories.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const root = process.env.ROTATION_GUARD_REALWORLD ?? '/tmp/pool';
const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const scanArgs = dashes >= 0 ? argv.slice(dashes + 1) : [];
const own = dashes >= 0 ? argv.slice(0, dashes) : argv;
const clis = [];
let dump;
let curve = false;
for (let i = 0; i < own.length; i++) {
  if (own[i] === '--curve') curve = true;
  else if (own[i] === '--cli') clis.push(resolve(own[++i]));
  else if (own[i] === '--dump') dump = resolve(own[++i]);
}
if (!clis.length) clis.push(join(repoRoot, 'dist', 'cli.js'));

/** Labels that count as what a person must act on (the target's numerator). */
export const ACTIONABLE = new Set(['credential', 'weak-default-where-it-runs']);
const LABELS = new Set(['credential', 'weak-default-where-it-runs', 'weak-default-in-docs', 'public-by-design', 'placeholder', 'prose', 'code', 'other']);
const labelsFile = join(here, 'labels.json');
const labels = existsSync(labelsFile) ? JSON.parse(readFileSync(labelsFile, 'utf8')).labels : {};
for (const [k, v] of Object.entries(labels)) if (!LABELS.has(v.label)) throw new Error(`labels.json: ${k} has unknown label ${v.label}`);

const present = REPOSITORIES.filter((r) => existsSync(join(root, r.dir)));
if (!present.length) {
  console.log(`--- pool: no checkouts under ${root}; skipped (see bench/realworld/README.md)`);
  process.exit(0);
}

const lines = new Map();
function lineOf(file, n) {
  let text = lines.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8').split('\n');
    } catch {
      text = [];
    }
    lines.set(file, text);
  }
  return (text[n - 1] ?? '').slice(0, 400);
}

const dumped = [];
for (const cli of clis) {
  console.log(`--- pool (${present.length} repositories under ${root}), ${cli} ${scanArgs.join(' ')}`);
  const scored = []; // [confidence of the incident, its label or undefined]
  const sum = { files: 0, findings: 0, incidents: 0, labelled: 0, actionable: 0, byLabel: {}, tunedOut: { files: 0, incidents: 0, labelled: 0, actionable: 0 }, seconds: 0, cpu: 0, maxRss: 0 };
  console.log('repository                         files  findings incidents  labelled actionable  RSS MB     s   CPU s');
  for (const r of present) {
    const cwd = join(root, r.dir);
    const t0 = process.hrtime.bigint();
    const p = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M CPU_S=%U+%S', process.execPath, cli, 'scan', '--format', 'json', ...scanArgs, '.'], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const rss = Number(/RSS_KB=(\d+)/.exec(p.stderr)?.[1] ?? NaN) / 1024;
    const cpuMatch = /CPU_S=([\d.]+)\+([\d.]+)/.exec(p.stderr);
    const cpu = cpuMatch ? Number(cpuMatch[1]) + Number(cpuMatch[2]) : NaN;
    if (p.status !== 0 && p.status !== 1) {
      console.log(`${r.name}: scan failed (${p.status}): ${p.stderr.slice(0, 300)}`);
      continue;
    }
    const out = JSON.parse(p.stdout);
    // The scan's incidents (one per value, whatever rule found each; a build before incidents by
    // value groups by the finding fingerprint, rule + value). An incident takes the label of the
    // first of its locations' fingerprints that has one.
    const incidents = new Map();
    for (const f of out.findings) {
      const key = f.incident ?? f.fingerprint;
      const inc = incidents.get(key) ?? { ruleId: f.ruleId, fingerprint: f.fingerprint, fingerprints: new Set(), locations: [] };
      inc.locations.push(f);
      inc.fingerprints.add(f.fingerprint);
      incidents.set(key, inc);
    }
    const labelOf = (inc) => [...inc.fingerprints].map((fp) => labels[`${r.dir} ${fp}`]).find(Boolean);
    let labelled = 0;
    let actionable = 0;
    for (const inc of incidents.values()) {
      const l = labelOf(inc);
      scored.push([Math.max(...inc.locations.map((f) => f.confidence)), l?.label]);
      if (!l) continue;
      labelled++;
      sum.byLabel[l.label] = (sum.byLabel[l.label] ?? 0) + 1;
      if (ACTIONABLE.has(l.label)) actionable++;
    }
    sum.files += out.filesScanned;
    sum.findings += out.findings.length;
    sum.incidents += incidents.size;
    sum.labelled += labelled;
    sum.actionable += actionable;
    sum.seconds += s;
    sum.cpu += cpu;
    sum.maxRss = Math.max(sum.maxRss, rss);
    if (!r.tuned) {
      sum.tunedOut.files += out.filesScanned;
      sum.tunedOut.incidents += incidents.size;
      sum.tunedOut.labelled += labelled;
      sum.tunedOut.actionable += actionable;
    }
    console.log(`${(r.name + (r.tuned ? ' *' : '')).padEnd(33)} ${String(out.filesScanned).padStart(6)} ${String(out.findings.length).padStart(9)} ${String(incidents.size).padStart(9)} ${String(labelled).padStart(9)} ${String(actionable).padStart(10)} ${rss.toFixed(0).padStart(7)} ${s.toFixed(1).padStart(5)} ${cpu.toFixed(1).padStart(7)}`);
    if (dump && cli === clis[clis.length - 1]) {
      for (const inc of incidents.values()) {
        const f0 = inc.locations[0];
        dumped.push({
          key: `${r.dir} ${inc.fingerprint}`,
          label: labelOf(inc)?.label,
          ruleId: inc.ruleId,
          confidence: f0.confidence,
          preview: f0.preview,
          locations: inc.locations.length,
          files: [...new Set(inc.locations.map((f) => f.file))].slice(0, 5),
          line: `${f0.file}:${f0.line}: ${lineOf(join(cwd, f0.file), f0.line).trim()}`,
        });
      }
    }
  }
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
  console.log(`total: ${sum.files} files, ${sum.findings} findings, ${sum.incidents} incidents (${((1000 * sum.incidents) / Math.max(1, sum.files)).toFixed(2)} per 1,000 files; target <= 1), ${sum.seconds.toFixed(0)} s wall, ${sum.cpu.toFixed(0)} s CPU, peak RSS ${sum.maxRss.toFixed(0)} MB (target <= 150)`);
  console.log(`labelled ${sum.labelled} of ${sum.incidents} incidents; credential or weak default where it runs: ${sum.actionable} (${pct(sum.actionable, sum.labelled)} of the labelled; target >= 60 %)`);
  console.log(`  by label: ${Object.entries(sum.byLabel).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  const t = sum.tunedOut;
  if (curve) {
    const actionableAll = scored.filter(([, l]) => ACTIONABLE.has(l)).length;
    console.log('threshold  incidents  labelled  actionable  precision  recall (of the actionable found at 0)');
    for (const t of [0, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.75, 0.85, 0.9, 0.95]) {
      const at = scored.filter(([c]) => c >= t);
      const lab = at.filter(([, l]) => l).length;
      const act = at.filter(([, l]) => ACTIONABLE.has(l)).length;
      console.log(`${t.toFixed(2).padStart(9)} ${String(at.length).padStart(10)} ${String(lab).padStart(9)} ${String(act).padStart(11)} ${pct(act, lab).padStart(10)} ${pct(act, actionableAll).padStart(8)}`);
    }
  }
  console.log(`  untuned repositories only (no *): ${t.files} files, ${t.incidents} incidents (${((1000 * t.incidents) / Math.max(1, t.files)).toFixed(2)} per 1,000 files), actionable ${t.actionable} of ${t.labelled} labelled (${pct(t.actionable, t.labelled)})`);
}
if (dump) {
  writeFileSync(dump, dumped.map((d) => JSON.stringify(d)).join('\n') + '\n');
  console.log(`wrote ${dumped.length} incidents to ${dump}`);
}

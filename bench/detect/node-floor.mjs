// The Node floor of issue #21's throughput target (timed by bench/detect.bench.mjs in the same
// loop as `rotation-guard scan` and ripgrep): what any scanner that runs in Node pays on the
// corpus before it judges anything. It walks the tree, reads and decodes every file (as UTF-8,
// as the scan does) and runs ONE regex, the alternation of the provider prefixes ripgrep is given
// (bench/detect/provider-prefixes.rg); no rules, no judgement, no report beyond three counts.
//   node bench/detect/node-floor.mjs DIR PREFIX_FILE   ->   {"files":…,"bytes":…,"matches":…,"cpuMs":{…}}
// `cpuMs` splits the run's own CPU time (user + system, after Node's start-up) into walking, reading,
// decoding and the regex; CPU rather than wall time, so that a busy machine does not blur it.
// The walk is the plainest there is (readdir with file types, no ignore files, no symlinks
// followed): anything the scan does on top of it is counted as the scan's cost, not the floor's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, prefixFile] = process.argv.slice(2);
if (!root || !prefixFile) {
  console.error('usage: node bench/detect/node-floor.mjs DIR PREFIX_FILE');
  process.exit(2);
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const prefixes = readFileSync(prefixFile, 'utf8').split('\n').filter(Boolean);
const re = new RegExp(prefixes.map(escape).join('|'), 'g');

let files = 0;
let bytes = 0;
let matches = 0;
const cpuMs = { walk: 0, read: 0, decode: 0, regex: 0 };
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let t = cpu();
const lap = (phase) => {
  const now = cpu();
  cpuMs[phase] += now - t;
  t = now;
};
function walk(dir) {
  const entries = readdirSync(dir, { withFileTypes: true });
  lap('walk');
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.isFile()) {
      const buf = readFileSync(path);
      lap('read');
      files++;
      bytes += buf.length;
      const text = buf.toString('utf8');
      lap('decode');
      re.lastIndex = 0;
      while (re.exec(text)) matches++;
      lap('regex');
    }
  }
}
walk(root);
for (const k of Object.keys(cpuMs)) cpuMs[k] = Math.round(cpuMs[k]);
console.log(JSON.stringify({ files, bytes, matches, cpuMs }));

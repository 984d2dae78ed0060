// Where the engine's scan of a fresh 10 KB body goes, in process: each part of findSecrets timed
// alone (CPU, mean over the proxy bench's fresh bodies, third of three rounds).
// `node bench/filters/scan-parts.mjs [PART]` after the build.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ordinarySamples } from './ordinary.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { parts, viewCoverage } = createRequire(import.meta.url)(join(repo, 'out', 'bench', 'filters', 'scan-parts.js'));
const text = ordinarySamples(repo).samples.map((s) => s.text).join('\n');
// The bodies bench/filters/proxy.mjs sends as fresh requests.
const span = text.length - 10240;
const bodies = Array.from({ length: 600 }, (_, i) => text.slice((i * 10007) % span, ((i * 10007) % span) + 10240));
const only = process.argv[2];
for (let round = 0; round < 3; round++) {
  for (const [name, f] of Object.entries(parts)) {
    if (only && !name.includes(only)) continue;
    const c = process.cpuUsage();
    for (const b of bodies) f(b);
    const d = process.cpuUsage(c);
    if (round === 2) console.log(`${name}: ${((d.user + d.system) / bodies.length).toFixed(1)} µs per body`);
  }
}
const views = bodies.map(viewCoverage).filter((v) => v !== undefined);
console.log(`${views.length} of ${bodies.length} bodies have a detection view; detection runs on windows of it for ${views.filter((v) => v < 1).length}, covering ${((100 * views.reduce((s, v) => s + v, 0)) / views.length).toFixed(0)} % of a view on average`);

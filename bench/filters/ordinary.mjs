// The "ordinary prompts and responses" of issue #23's target (0 blocked or altered among 1,000),
// built one way for every bench that uses them (filters.bench.mjs and bench/filters/proxy.mjs run
// alone): this repository's docs and sources and the READMEs in node_modules, cut into samples of
// whole lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files of ordinary text: docs (.md), sources (.ts, fixtures excluded), node_modules READMEs; each over 2,000 bytes. */
export function corpus(repo) {
  const files = [];
  const walk = (d, depth, filter) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, f.name);
      if (f.isDirectory() && depth > 0 && !f.name.startsWith('.') && f.name !== 'node_modules' && f.name !== 'fixtures') walk(p, depth - 1, filter);
      else if (f.isFile() && filter(f.name) && statSync(p).size > 2000) files.push(p);
    }
  };
  walk(join(repo, 'docs'), 3, (n) => n.endsWith('.md'));
  for (const d of ['core', 'server', 'client', 'cli']) walk(join(repo, d), 4, (n) => n.endsWith('.ts'));
  for (const d of readdirSync(join(repo, 'node_modules')).slice(0, 400)) {
    try {
      const p = join(repo, 'node_modules', d, 'README.md');
      if (statSync(p).size > 2000) files.push(p);
    } catch {}
  }
  return files;
}

/**
 * Up to `count` samples of whole lines, up to 2,000 characters each, taken in turn from the corpus'
 * files at offsets spread over each file: `{ files, samples: [{ file, text }] }` (file relative to
 * `repo`).
 */
export function ordinarySamples(repo, count = 1000) {
  const files = corpus(repo);
  const samples = [];
  for (let i = 0; samples.length < count && i < files.length * 4; i++) {
    const t = readFileSync(files[i % files.length], 'utf8');
    // Whole lines, as a prompt or a pasted excerpt holds them: a window cut inside a word leaves a
    // fragment nobody writes (`curl -u user:passwo` from a placeholder cut at the 2,000th character).
    const from = Math.floor((i / files.length) * 1999) % Math.max(1, t.length - 2000);
    const at = from === 0 ? 0 : t.indexOf('\n', from) + 1;
    const cut = t.slice(at, at + 2000);
    const last = cut.lastIndexOf('\n');
    samples.push({ file: files[i % files.length].slice(repo.length + 1), text: last > 0 && at + 2000 < t.length ? cut.slice(0, last + 1) : cut });
  }
  return { files, samples };
}

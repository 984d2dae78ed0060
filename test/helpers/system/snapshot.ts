import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempProject } from '../temp-project';

/**
 * Copies built bundles (dist/cli.js, test workers) to a private folder when a suite loads, so the
 * suite runs one consistent build even if `scripts/build.mjs` rewrites dist/ or wipes out/ while
 * it runs (it does both; several people build in one checkout). Children find the external
 * packages through NODE_PATH.
 */
const { dir } = tempProject('rg-bundles-'); // removed when the process exits

function findNodeModules(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules', 'pg'))) return join(d, 'node_modules');
    if (dirname(d) === d) throw new Error(`no node_modules with pg above ${from}`);
  }
}

const nodeModules = findNodeModules(__dirname);
process.env.NODE_PATH = [nodeModules, process.env.NODE_PATH].filter(Boolean).join(':');

/** Bundles that a bundle loads at run time, so they must sit beside its copy. */
const COMPANIONS: Record<string, string[]> = { 'cli.js': ['cli-scan.js', 'cli-full.js', 'cli-hook.js', 'cli-hook-engine.js', 'cli-filters.js', 'cli-markdown.js', 'scan-worker.js', 'driver-redis.js', 'driver-mysql2.js', 'driver-aws.js', 'driver-google-auth.js', 'words.txt'] };

/** The private copy of one bundle (copied once), with the bundles it loads. */
export function snapshotFile(path: string): string {
  const dest = join(dir, basename(path));
  if (!existsSync(dest)) {
    for (const c of COMPANIONS[basename(path)] ?? []) copyFileSync(join(dirname(path), c), join(dir, c));
    copyFileSync(path, dest);
  }
  return dest;
}

/** Copies every .js of a folder (test workers) and returns the private folder. */
export function snapshotDir(src: string): string {
  for (const f of readdirSync(src)) if (f.endsWith('.js')) snapshotFile(join(src, f));
  return dir;
}

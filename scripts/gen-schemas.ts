/**
 * Writes schemas/rotation-policy.schema.json from the zod policy model.
 * Usage: node scripts/build.mjs --only=out && node out/scripts/gen-schemas.js [--check]
 * `--check` writes nothing and exits 1 when the checked-in file is stale (for CI).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { policyJsonSchemaText } from '../core/policy';

const root = process.cwd();
const target = join(root, 'schemas', 'rotation-policy.schema.json');
const text = policyJsonSchemaText();
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // Missing file: stale by definition.
}
if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write(`${target} is stale: run node out/scripts/gen-schemas.js\n`);
    process.exitCode = 1;
  }
} else if (current !== text) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
} else process.stdout.write(`${target} is up to date\n`);

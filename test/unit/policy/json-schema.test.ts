import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { policyJsonSchemaText } from '../../../core/policy/model/json-schema';
import { tempProject } from '../../helpers/temp-project';

const root = join(__dirname, '../../../..');
const checkedIn = join(root, 'schemas/rotation-policy.schema.json');

describe('schemas/rotation-policy.schema.json', () => {
  it('is up to date with the zod model (run: node scripts/build.mjs --only=out && node out/scripts/gen-schemas.js)', () => {
    assert.equal(readFileSync(checkedIn, 'utf8'), policyJsonSchemaText());
  });

  it('gen-schemas writes exactly that file, and --check then passes', function () {
    this.timeout(30_000);
    const dir = tempProject('rg-schemas-').dir;
    try {
      const script = join(root, 'out/scripts/gen-schemas.js');
      const stale = spawnSync(process.execPath, [script, '--check'], { cwd: dir, encoding: 'utf8' });
      assert.equal(stale.status, 1, 'a missing schema is stale');
      const write = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
      assert.equal(write.status, 0, write.stderr);
      assert.equal(readFileSync(join(dir, 'schemas/rotation-policy.schema.json'), 'utf8'), readFileSync(checkedIn, 'utf8'));
      assert.equal(spawnSync(process.execPath, [script, '--check'], { cwd: dir }).status, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('describes every property, with examples on the leaf fields', () => {
    const schema = JSON.parse(readFileSync(checkedIn, 'utf8')) as Record<string, unknown>;
    const undocumented: string[] = [];
    let withExamples = 0;
    let leaves = 0;
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [k, v] of Object.entries((n.properties as Record<string, Record<string, unknown>>) ?? {})) {
        const p = `${path}.${k}`;
        const described = typeof v.description === 'string' || (Array.isArray(v.anyOf) && typeof v.description === 'string');
        if (!described) undocumented.push(p);
        if (v.type === 'string' || v.type === 'number' || v.type === 'integer' || v.type === 'boolean') {
          leaves++;
          // A discriminator (`type: const`) is its own example.
          if ((Array.isArray(v.examples) && v.examples.length) || v.const !== undefined) withExamples++;
        }
        walk(v, p);
      }
      for (const key of ['additionalProperties', 'items']) walk(n[key], `${path}[]`);
      for (const key of ['oneOf', 'anyOf']) for (const o of (n[key] as unknown[]) ?? []) walk(o, path);
    };
    walk(schema, '');
    assert.deepEqual(undocumented, []);
    assert.ok(leaves > 40, `only ${leaves} leaf fields found`);
    assert.ok(withExamples / leaves > 0.8, `${withExamples}/${leaves} leaf fields have examples`);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  });
});

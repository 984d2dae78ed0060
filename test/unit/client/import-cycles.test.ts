import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

// No import cycles in the shells, `import type` included: a type-only edge still ties two
// files together (client/src/ctx.ts ↔ serverCommands.ts was one: ctx installs the middleware,
// the middleware took a Ctx). A shared shape goes in the file that owns it or a small types module.
const importRe = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** The file a relative import resolves to (`x` → `x.ts` or `x/index.ts`), or undefined. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = path.relative(process.cwd(), path.resolve(path.dirname(from), spec));
  for (const f of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (f.endsWith('.ts') && existsSync(f)) return f.split(path.sep).join('/');
  return undefined;
}

function graphOf(glob: string): Map<string, string[]> {
  const files = fg.sync(glob);
  const inside = new Set(files);
  const g = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const m of readFileSync(f, 'utf8').matchAll(importRe)) {
      const to = resolveImport(f, (m[1] ?? m[2])!);
      if (to && inside.has(to)) deps.push(to);
    }
    g.set(f, deps);
  }
  return g;
}

/** Each cycle once, as the files in import order (depth-first search, three colours). */
export function cyclesOf(g: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const to of g.get(f) ?? []) {
      if (state.get(to) === 'open') {
        const cycle = stack.slice(stack.indexOf(to));
        found.set([...cycle].sort().join(' '), [...cycle, to]);
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...g.keys()].sort()) if (!state.has(f)) visit(f);
  return [...found.values()];
}

describe('import cycles in the shells (client/, protocol/, server/, cli/)', () => {
  it('finds a cycle through a type-only import (the check can fail)', () => {
    const g = new Map([['client/src/ctx.ts', ['client/src/serverCommands.ts']], ['client/src/serverCommands.ts', ['client/src/ctx.ts']], ['client/src/commands.ts', ['client/src/ctx.ts']]]);
    assert.deepEqual(cyclesOf(g), [['client/src/ctx.ts', 'client/src/serverCommands.ts', 'client/src/ctx.ts']]);
    assert.ok(graphOf('client/src/**/*.ts').get('client/src/ctx.ts')?.includes('client/src/serverCommands.ts'), 'the import parser misses ctx.ts → serverCommands.ts');
  });

  for (const glob of ['client/src/**/*.ts', 'protocol/src/**/*.ts', 'server/src/**/*.ts', 'cli/src/**/*.ts']) {
    it(`${glob} has none`, () => {
      assert.deepEqual(cyclesOf(graphOf(glob)).map((c) => c.join(' → ')), []);
    });
  }
});

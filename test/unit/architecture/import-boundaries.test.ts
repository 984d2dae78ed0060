import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

// The dependency direction of docs/architecture.md, enforced with no exceptions:
//   core     → nothing of ours but core; no vscode, no LSP package
//   protocol → nothing of ours; no vscode
//   server, cli, client → core and protocol (and their own folder); never each other
//   server, cli, client, bench, scripts → core only through an area's index (core/<area>)
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(importRe)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** The top-level folder a relative import lands in ('core', 'server', …), or undefined for a package. */
function topFolderOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = path.relative(process.cwd(), path.resolve(path.dirname(file), spec));
  return target.split(path.sep)[0];
}

type Rule = { folder: string; glob: string; mayImport: string[]; forbiddenPackages: (spec: string) => boolean };

const isVscode = (s: string) => s === 'vscode';
const isLsp = (s: string) => s.startsWith('vscode-languageserver') || s.startsWith('vscode-languageclient');

const rules: Rule[] = [
  { folder: 'core', glob: 'core/**/*.ts', mayImport: ['core'], forbiddenPackages: (s) => isVscode(s) || isLsp(s) || s.startsWith('vscode-jsonrpc') },
  { folder: 'protocol', glob: 'protocol/src/**/*.ts', mayImport: ['protocol'], forbiddenPackages: (s) => isVscode(s) || s.startsWith('vscode-languageclient') || s === 'vscode-languageserver' || s.startsWith('vscode-languageserver/') },
  { folder: 'server', glob: 'server/src/**/*.ts', mayImport: ['server', 'core', 'protocol'], forbiddenPackages: (s) => isVscode(s) || s.startsWith('vscode-languageclient') },
  { folder: 'cli', glob: 'cli/src/**/*.ts', mayImport: ['cli', 'core', 'protocol'], forbiddenPackages: (s) => isVscode(s) || isLsp(s) },
  { folder: 'client', glob: 'client/src/**/*.ts', mayImport: ['client', 'core', 'protocol'], forbiddenPackages: (s) => s === 'vscode-languageserver' || s.startsWith('vscode-languageserver/') },
];

function violationsOf(rule: Rule): string[] {
  return fg.sync(rule.glob).flatMap((f) =>
    importsOf(f)
      .filter((s) => {
        const top = topFolderOf(f, s);
        return top !== undefined ? !rule.mayImport.includes(top) : rule.forbiddenPackages(s);
      })
      .map((s) => `${f} imports '${s}'`),
  );
}

/**
 * The area index a relative import into core should use instead, or undefined when it already
 * lands on an index (`core/<area>` or `core/<area>/index`) or outside core.
 */
function coreInternalOf(file: string, spec: string): { area: string; useSpec: string } | undefined {
  if (!spec.startsWith('.')) return undefined;
  const parts = path.relative(process.cwd(), path.resolve(path.dirname(file), spec)).split(path.sep);
  if (parts[0] !== 'core' || parts.length < 2) return undefined;
  if (parts.length === 2 || (parts.length === 3 && parts[2] === 'index')) return undefined;
  const area = `core/${parts[1]}`;
  let useSpec = path.relative(path.dirname(file), area).split(path.sep).join('/');
  if (!useSpec.startsWith('.')) useSpec = `./${useSpec}`;
  return { area, useSpec };
}

/** Shells see core through its public surface only: each area's index.ts. */
const SHELL_GLOBS = ['server/src/**/*.ts', 'cli/src/**/*.ts', 'client/src/**/*.ts', 'bench/**/*.{ts,mts,mjs}', 'scripts/**/*.{ts,mts,mjs}'];

function coreInternalImports(): string[] {
  return fg.sync(SHELL_GLOBS, { ignore: ['**/node_modules/**'] }).flatMap((f) =>
    importsOf(f).flatMap((s) => {
      const internal = coreInternalOf(f, s);
      return internal
        ? [`${f} imports '${s}', an internal of ${internal.area}: import it from '${internal.useSpec}' instead (add the name to ${internal.area}/index.ts if it is not exported there yet)`]
        : [];
    }),
  );
}

describe('import boundaries', () => {
  it('the import scanner sees a vscode import (self-check)', () => {
    const probe = `import * as vscode from 'vscode';\nconst x = require("vscode-languageserver/node");`;
    const specs = [...probe.matchAll(importRe)].map((m) => m[1] ?? m[2] ?? m[3]);
    assert.deepEqual(specs, ['vscode', 'vscode-languageserver/node']);
  });

  it('the folder check sees a cross-shell import (self-check)', () => {
    assert.equal(topFolderOf('client/src/commands.ts', '../../server/src/validator'), 'server');
    assert.equal(topFolderOf('client/src/commands.ts', '../../core/policy'), 'core');
    assert.equal(topFolderOf('core/policy/state/state.ts', '../../ledger'), 'core');
  });

  it('the core-internal check names the index to use (self-check)', () => {
    assert.deepEqual(coreInternalOf('server/src/commands.ts', '../../core/policy/parse/files'), { area: 'core/policy', useSpec: '../../core/policy' });
    assert.deepEqual(coreInternalOf('cli/src/main.ts', '../../core/runtime/v8-tuning'), { area: 'core/runtime', useSpec: '../../core/runtime' });
    assert.equal(coreInternalOf('cli/src/main.ts', '../../core/runtime'), undefined);
    assert.equal(coreInternalOf('client/src/ctx.ts', '../../core/detect/index'), undefined);
    assert.equal(coreInternalOf('client/src/ctx.ts', './serverCommands'), undefined);
  });

  it('shells (server, cli, client, bench, scripts) import core only through an area index', () => {
    assert.deepEqual(coreInternalImports(), []);
  });

  it('core holds areas only: each folder has an index.ts, no loose modules at the top', () => {
    const entries = readdirSync('core', { withFileTypes: true });
    const loose = entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')).map((e) => `core/${e.name}: move it into the area it belongs to`);
    const withoutIndex = entries
      .filter((e) => e.isDirectory() && fg.sync(`core/${e.name}/index.ts`).length === 0)
      .map((e) => `core/${e.name}/ has no index.ts: export the area's public surface from one`);
    assert.deepEqual([...loose, ...withoutIndex], []);
  });

  for (const rule of rules) {
    it(`${rule.folder} imports only ${rule.mayImport.join(', ')} and no forbidden package`, () => {
      assert.ok(fg.sync(rule.glob).length > 0, `no files match ${rule.glob}`);
      assert.deepEqual(violationsOf(rule), []);
    });
  }
});

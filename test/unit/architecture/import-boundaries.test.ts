import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

// The dependency direction of docs/architecture.md, enforced with no exceptions:
//   core     → nothing of ours but core; no vscode, no LSP package
//   protocol → nothing of ours; no vscode
//   server, cli, client → core and protocol (and their own folder); never each other
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

describe('import boundaries', () => {
  it('the import scanner sees a vscode import (self-check)', () => {
    const probe = `import * as vscode from 'vscode';\nconst x = require("vscode-languageserver/node");`;
    const specs = [...probe.matchAll(importRe)].map((m) => m[1] ?? m[2] ?? m[3]);
    assert.deepEqual(specs, ['vscode', 'vscode-languageserver/node']);
  });

  it('the folder check sees a cross-shell import (self-check)', () => {
    assert.equal(topFolderOf('client/src/commands.ts', '../../server/src/validator'), 'server');
    assert.equal(topFolderOf('client/src/commands.ts', '../../core/policy'), 'core');
    assert.equal(topFolderOf('core/policy/state.ts', '../ledger'), 'core');
  });

  for (const rule of rules) {
    it(`${rule.folder} imports only ${rule.mayImport.join(', ')} and no forbidden package`, () => {
      assert.ok(fg.sync(rule.glob).length > 0, `no files match ${rule.glob}`);
      assert.deepEqual(violationsOf(rule), []);
    });
  }
});

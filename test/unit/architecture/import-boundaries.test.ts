import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';

// The dependency direction of DESIGN.md, enforced: core → nothing editor-specific; client and
// server never import each other; protocol is plain data.
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(importRe)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

function violations(glob: string, forbidden: (spec: string) => boolean): string[] {
  return fg.sync(glob).flatMap((f) => importsOf(f).filter(forbidden).map((s) => `${f} imports '${s}'`));
}

describe('import boundaries', () => {
  it('the import scanner sees a vscode import (self-check)', () => {
    const probe = `import * as vscode from 'vscode';\nconst x = require("vscode-languageserver/node");`;
    const specs = [...probe.matchAll(importRe)].map((m) => m[1] ?? m[2] ?? m[3]);
    assert.deepEqual(specs, ['vscode', 'vscode-languageserver/node']);
  });

  it('core imports neither vscode nor the LSP connection nor server/client code', () => {
    const bad = violations('server/src/core/**/*.ts', (s) => s === 'vscode' || s.startsWith('vscode-languageserver') || s.startsWith('vscode-languageclient') || /(^|\/)(client|cli)\/src/.test(s) || /\.\.\/server(\.ts)?$/.test(s));
    assert.deepEqual(bad, []);
  });

  it('protocol imports nothing editor-specific', () => {
    const bad = violations('protocol/src/**/*.ts', (s) => s === 'vscode' || s.startsWith('vscode-language'));
    assert.deepEqual(bad, []);
  });

  it('client and server never import each other', () => {
    assert.deepEqual(violations('client/src/**/*.ts', (s) => /server\/src\/(?!core\/)/.test(s) || s.startsWith('vscode-languageserver/')), []);
    assert.deepEqual(violations('server/src/**/*.ts', (s) => s.includes('client/src') || s === 'vscode'), []);
  });

  it('the CLI never imports vscode', () => {
    assert.deepEqual(violations('cli/src/**/*.ts', (s) => s === 'vscode' || s.startsWith('vscode-language')), []);
  });
});

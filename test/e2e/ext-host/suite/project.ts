import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ledgerPathFor, readLedger } from '../../../../core/ledger';
import { KeychainStore } from '../../../../core/stores/keychain';
import { readEnvValue } from '../../../../core/stores/env-format';
import { EXTENSION_ID } from '../../../../protocol/src/protocol';
import type { RotationGuardApi } from '../../../../client/src/extension';
import { machineSecret, policyYaml } from '../../../helpers/policy';

// What the command suites share: the extension's API and a project folder with a policy whose
// secrets live in the real private keyring (its own keychain service per project) and a .env.

export const root = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder open');

export async function activateApi(): Promise<RotationGuardApi> {
  const ext = vscode.extensions.getExtension<RotationGuardApi>(EXTENSION_ID)!;
  const api = await ext.activate();
  await api.started;
  return api;
}

/** The test policy: a generated key in keychain + .env, a command provider that times out, a human password. */
export function policyText(service: string): string {
  return policyYaml({
    version: 1,
    stores: { keychain: { type: 'keychain', service, account: '{id}' }, dotenv: { type: 'env-file', path: '.env' } },
    providers: { random: { type: 'generate', length: 40, alphabet: 'alphanumeric' }, slow: { type: 'command', command: 'sleep', args: ['30'], timeout: '1s' } },
    secrets: [
      machineSecret('gen-key', { stores: ['keychain', 'dotenv'], rotation: { provider: 'random' }, triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }], references: { env: ['GEN_KEY'] } }),
      machineSecret('slow-key', { kind: 'token', stores: ['keychain'], rotation: { provider: 'slow' } }),
      { id: 'human-pw', kind: 'password', owner: 'human', stores: ['keychain'] },
    ],
  });
}

export interface Project {
  proj: string;
  policy: string;
  ledger: string;
  keychain: KeychainStore;
  ledgerLines: () => number;
  dotenvValue: (name: string) => string | null;
  remove: () => void;
}

/** A project folder under the workspace with the policy, its .env and gen-key's value in the keychain. */
export async function makeProject(name: string): Promise<Project> {
  const service = `rg-e2e-${randomBytes(4).toString('hex')}`;
  const proj = path.join(root(), `${name}-${Date.now()}`);
  mkdirSync(proj, { recursive: true });
  const policy = path.join(proj, 'rotation-policy.yaml');
  const ledger = ledgerPathFor(policy);
  writeFileSync(policy, policyText(service));
  writeFileSync(path.join(proj, '.env'), 'GEN_KEY=initial-value-0123456789abcdef\n');
  const keychain = new KeychainStore({ service, account: '{id}' });
  await keychain.set('gen-key', 'current', 'initial-value-0123456789abcdef');
  assert.equal(await keychain.get('gen-key', 'current'), 'initial-value-0123456789abcdef', 'the private keyring does not answer');
  return {
    proj,
    policy,
    ledger,
    keychain,
    ledgerLines: () => (existsSync(ledger) ? readLedger(ledger).entries.length : 0),
    dotenvValue: (n) => readEnvValue(readFileSync(path.join(proj, '.env'), 'utf8'), n),
    remove: () => rmSync(proj, { recursive: true, force: true }),
  };
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** Resolves with the first diagnostics of `uri` that satisfy `pick`, waiting on the change event. */
export function waitForDiagnostics(uri: vscode.Uri, pick: (d: vscode.Diagnostic) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri).filter(pick);
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${codeOf(d)}`);
      reject(new Error(`no matching diagnostics for ${uri.fsPath} within ${timeoutMs} ms (seen: ${seen.join(', ') || 'none'})`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const found = vscode.languages.getDiagnostics(uri).filter(pick);
      if (found.length) {
        clearTimeout(timer);
        sub.dispose();
        resolve(found);
      }
    });
  });
}


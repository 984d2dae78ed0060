import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { kindForRule } from '../../core/actions/policy-edit';
import { loadPolicyFile } from '../../core/policy';
import type { SecretKind } from '../../core/policy/schema';
import { runCli } from './cliRunner';
import type { Ctx } from './ctx';
import { findPolicies } from './policies';

interface Finding {
  file: string;
  line: number;
  ruleId: string;
  /** The env var the detector suggests for this kind of credential. */
  envVar?: string;
}

/** One policy secret per detector rule found (e.g. every OpenAI key becomes `openai-api-key`). */
interface Draft {
  id: string;
  envVar: string;
  kind: SecretKind;
  files: string[];
}

export function draftsFrom(findings: Finding[]): Draft[] {
  const byId = new Map<string, Draft>();
  for (const f of findings) {
    if (!f.ruleId.startsWith('secret/')) continue;
    const id = f.ruleId.slice('secret/'.length).replace(/[^a-z0-9-]/gi, '-').toLowerCase();
    const d = byId.get(id) ?? { id, envVar: f.envVar ?? id.toUpperCase().replace(/-/g, '_'), kind: kindForRule(f.ruleId), files: [] };
    const file = f.file.replace(/\\/g, '/');
    if (!d.files.includes(file)) d.files.push(file);
    byId.set(id, d);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const q = (s: string) => JSON.stringify(s);

/**
 * A policy every finding is a secret of, with the safe defaults: kept in the OS keychain, a
 * `manual` provider (the user pastes the new key; nothing runs), a compromise trigger because
 * the value sat in a file, and the files it was found in as references.
 */
export function policyYaml(drafts: Draft[], service: string, now = new Date()): string {
  const lines = [
    `# Rotation policy created by Rotation Guard on ${now.toISOString().slice(0, 10)} from ${drafts.length ? `${drafts.length} kind(s) of credential found in this workspace` : 'an empty workspace'}.`,
    '# Review it: owners, stores and providers are safe defaults. Every value below was found in a',
    '# file, so treat it as exposed: move it out with the quick fix, then rotate it. Set the',
    "# provider's url to the page where you create the new key.",
    'version: 1',
    '',
    'threatModels:',
    '  internet-llm:',
    '    description: Keys that reach public model APIs and sit next to prompts a model reads',
    '    exposure: internet',
    '    privilege: high',
    '    modelInLoop: true',
    '    dataSensitivity: confidential',
    '    maxInterval: 30d',
    '',
    'stores:',
    '  keychain:',
    '    type: keychain',
    `    service: ${q(service)}`,
    '    account: "{id}"',
    '',
    'providers:',
    '  by-hand:',
    '    type: manual',
    '    # replace with the page where this kind of credential is created (e.g. https://platform.openai.com/api-keys)',
    '    url: https://example.invalid/replace-with-the-key-page',
    '    instructions: Create a new credential at the issuer, paste it here, then revoke the old one.',
    '',
    'secrets:',
  ];
  if (!drafts.length) lines.push('  []');
  for (const d of drafts) {
    lines.push(
      `  - id: ${d.id}`,
      `    description: Found in ${d.files.length} file(s) by the ${d.id} detector`,
      `    kind: ${d.kind}`,
      '    owner: machine',
      '    threatModel: internet-llm',
      '    maxAge: 30d',
      '    stores: [keychain]',
      '    rotation:',
      '      provider: by-hand',
      '    triggers:',
      '      - on: exposed-in-file',
      '        action: rotate-now',
      '    references:',
      `      files: [${d.files.map(q).join(', ')}]`,
      `      env: [${d.envVar}]`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Create Policy from Findings: scan with the CLI (works with the server down), write, open. */
export function createPolicyCommand(ctx: Ctx, refresh: () => void) {
  return async (): Promise<vscode.Uri | undefined> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) {
      void vscode.window.showWarningMessage('Rotation Guard: open a folder first; the policy is created at its root.');
      return undefined;
    }
    const existing = await findPolicies();
    const target = join(folder, 'rotation-policy.yaml');
    if (existing.length || existsSync(target)) {
      const uri = existing[0] ?? vscode.Uri.file(target);
      void vscode.window.showInformationMessage(`Rotation Guard: ${vscode.workspace.asRelativePath(uri)} already exists; opened it instead of overwriting it.`);
      await vscode.window.showTextDocument(uri, { preview: false });
      return uri;
    }
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: scanning for credentials', cancellable: true }, (_p, token) =>
      runCli(ctx, ['scan', '--format', 'json', '.'], folder, token),
    );
    if (r.code !== 0 && r.code !== 1) {
      void vscode.window.showErrorMessage(`Rotation Guard: the scan failed (exit ${r.code}) — ${r.stderr.trim().split('\n')[0] ?? ''}`);
      return undefined;
    }
    const drafts = draftsFrom((JSON.parse(r.stdout) as { findings: Finding[] }).findings);
    const text = policyYaml(drafts, `rotation-guard-${basename(folder)}`);
    writeFileSync(target, text, { flag: 'wx' });
    const check = loadPolicyFile(target);
    if (!check.policy) ctx.log.warn(`the created policy has problems: ${check.problems.map((p) => p.message).join('; ')}`);
    await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
    refresh();
    void vscode.window
      .showInformationMessage(`Rotation Guard: rotation-policy.yaml created with ${drafts.length} secret(s) from the findings. Next: move each value out of its file (quick fix) and rotate it.`, 'Show Secrets')
      .then((a) => a && vscode.commands.executeCommand('rotationGuard.secrets.focus'));
    return vscode.Uri.file(target);
  };
}


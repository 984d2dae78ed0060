import { existsSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { CancellationToken, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { draftsFrom, policyFromFindings, type FoundCredential } from '../../../core/actions';
import { loadPolicyFile } from '../../../core/policy';
import type { CreatePolicyArgs, CreatePolicyResult, SecretDiagnosticData } from '../../../protocol/src/protocol';
import { pathToUri, uriToPath } from '../paths';
import type { PassHandlers } from '../scanInWorker';
import type { WorkspacePass } from '../workspaceScan';
import { cancelledByRequestOrProgress } from '../cancellation';

export interface CreatePolicyDeps {
  folders: () => string[];
  /** Paths of the policies the workspace already has (the PolicySet). */
  policies: () => string[];
  /**
   * The workspace pass of Scan Workspace and the pull over one folder (scanInWorker.ts
   * `runWorkspacePass`, in the scan worker when the bundle has it), with open documents read from
   * disk like the rest: the policy lists what the files hold.
   */
  pass: (folder: string, on: PassHandlers, token: CancellationToken) => Promise<WorkspacePass>;
  progress: () => Promise<WorkDoneProgressReporter>;
  /** After writing: the new policy is loaded and open documents revalidated against it. */
  refresh: () => Promise<void>;
  /** Tells the user (a message, the file opened) in clients that do not show their own. */
  announce: (result: CreatePolicyResult) => void;
  log: (message: string) => void;
}

const POLICY_NAME = 'rotation-policy.yaml';

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The credentials among one file's diagnostics, as the policy draft reads them (rule and env var; never the value). */
function credentialsIn(folder: string, uri: string, diagnostics: Diagnostic[]): FoundCredential[] {
  const path = uriToPath(uri);
  if (!path) return [];
  const file = relative(folder, path).split(sep).join('/');
  return diagnostics.flatMap((d) => {
    const data = d.data as SecretDiagnosticData | undefined;
    return data?.kind === 'secret' && data.ruleId.startsWith('secret/') ? [{ file, ruleId: data.ruleId, envVar: data.envVar }] : [];
  });
}

/**
 * Create Policy from Findings, carried out by the server: the folder is scanned with the
 * editor's own diagnosis (the workspace pass of Scan Workspace: the one walk, the user's
 * exclusions and confidence, off the main thread when the bundle has the worker), and the
 * policy core drafts from the findings is written at the folder's root. Any LSP client can run
 * it; nothing spawns the CLI, and an existing policy is never overwritten.
 */
export async function createPolicy(d: CreatePolicyDeps, args: CreatePolicyArgs, token: CancellationToken): Promise<CreatePolicyResult> {
  const result = await create(d, args, token);
  if (args.announce !== false) d.announce(result);
  return result;
}

async function create(d: CreatePolicyDeps, args: CreatePolicyArgs, token: CancellationToken): Promise<CreatePolicyResult> {
  const folder = args.folderUri ? uriToPath(args.folderUri) : d.folders()[0];
  if (!folder) return { created: false, reason: 'no-folder', secrets: 0, findings: 0, message: 'open a folder first; the policy is created at its root.' };
  const target = join(folder, POLICY_NAME);
  // on disk: a policy deleted a moment ago may still be in the PolicySet until its watcher event
  const existing = d.policies().filter((p) => inside(p, folder) && existsSync(p)).sort()[0];
  if (existing) return { created: false, reason: 'exists', policyUri: pathToUri(existing), secrets: 0, findings: 0, message: `${relative(folder, existing).split(sep).join('/')} already exists; it was not overwritten.` };

  const found: FoundCredential[] = [];
  const progress = await d.progress();
  progress.begin('Rotation Guard: scanning for credentials', 0, '', true);
  const cancel = cancelledByRequestOrProgress(token, progress);
  try {
    const on: PassHandlers = { onFile: (uri, diagnostics) => void found.push(...credentialsIn(folder, uri, diagnostics ?? [])), onProgress: (p, m) => progress.report(p, m), log: d.log };
    const scan = await d.pass(folder, on, cancel);
    if (scan.cancelled) return { created: false, reason: 'cancelled', secrets: 0, findings: found.length, message: 'the scan was cancelled; no policy was written.' };
  } finally {
    progress.done();
  }

  const drafts = draftsFrom(found);
  try {
    // 'wx': never over an existing file, nor through a symlink a repository planted there.
    writeFileSync(target, policyFromFindings(drafts, { service: `rotation-guard-${basename(folder)}` }), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { created: false, reason: 'exists', policyUri: pathToUri(target), secrets: 0, findings: found.length, message: `${POLICY_NAME} already exists; it was not overwritten.` };
    throw err;
  }
  // core's tests hold the draft to no errors; a slip is reported rather than hidden.
  const problems = loadPolicyFile(target).problems.filter((p) => p.severity === 'error').map((p) => p.message);
  if (problems.length) d.log(`the created policy has problems: ${problems.join('; ')}`);
  await d.refresh();
  return {
    created: true,
    policyUri: pathToUri(target),
    secrets: drafts.length,
    findings: found.length,
    message: `${POLICY_NAME} created with ${drafts.length} secret(s) from ${found.length} finding(s). Next: move each value out of its file (quick fix) and rotate it.`,
    ...(problems.length ? { problems } : {}),
  };
}

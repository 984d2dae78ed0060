import type { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { meetsConfidence, type KnownSecrets } from '../../../core/detect';
import { runEnforcement, type EnforceResult as CoreEnforceResult } from '../../../core/enforce';
import { loadFingerprintKey } from '../../../core/values';
import { GitHistoryError, scanGitHistory } from '../../../core/git-history';
import { ledgerPathFor, verifyLedger } from '../../../core/ledger';
import { loadPolicy, loadPolicyFile } from '../../../core/policy';
import { createPolicyStoreRegistry, trustFor } from '../../../core/rotation';
import type { CreatePolicyArgs, CreatePolicyResult, EnforceArgs, EnforceResult, ScanGitHistoryArgs, ScanGitHistoryResult, VerifyLedgerArgs, VerifyLedgerResult } from '../../../protocol/src/protocol';
import { uriToPath } from '../paths';
import { createPolicy, type CreatePolicyDeps } from './createPolicy';

export interface WorkspaceCommandDeps {
  folders: () => string[];
  env: NodeJS.ProcessEnv;
  workspaceTrusted: () => boolean;
  knownSecrets: () => KnownSecrets | undefined;
  minConfidence: (folder: string) => Promise<number>;
  /** The user's machine-scoped `allowedPaths` setting for a policy: places outside its repository enforce may write to. */
  allowedPaths: (policyUri: string) => Promise<readonly string[]>;
  progress: () => Promise<WorkDoneProgressReporter>;
  /** After enforce: caches dropped, open documents revalidated (the ledger changed). */
  refresh: () => Promise<void>;
  log: (message: string) => void;
  /** What Create Policy from Findings reads besides these (the workspace pass, the policies there are). */
  createPolicy: Pick<CreatePolicyDeps, 'policies' | 'pass' | 'announce'>;
}

/** A command over workspace/executeCommand has no cancellation of its own; the `$/progress` Cancel button is its cancel. */
const NOT_CANCELLED = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

const GOOD = new Set(['compliant', 'rotated', 'resumed', 'awaiting-revoke']);

function summaryLines(r: CoreEnforceResult, dryRun: boolean): string[] {
  const lines = r.refused ? [`enforce refused to act: ${r.refused}`] : [];
  for (const o of r.outcomes) lines.push(`${o.secretId}: ${o.status === 'planned' ? `would ${o.action}` : o.status}${o.reason && o.status !== 'compliant' ? ` — ${o.reason}` : ''}${o.message && o.status !== 'compliant' ? ` (${o.message})` : ''}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  const bad = r.outcomes.filter((o) => !GOOD.has(o.status)).length;
  lines.push(dryRun ? 'dry run: nothing was changed' : r.compliant ? 'enforce: compliant' : `enforce: ${bad} secret(s) still need a person or failed`);
  return lines;
}

/**
 * `Enforce Policy Now`, `Scan Git History`, `Create Policy from Findings` and `Verify Ledger`, carried out by the server over
 * `workspace/executeCommand` with `$/progress`, the same core calls as `rotation-guard enforce`
 * and `scan --git-history`: any LSP client can run them, and no CLI process is spawned.
 */
export function workspaceCommands(d: WorkspaceCommandDeps) {
  return {
    createPolicy(args: CreatePolicyArgs): Promise<CreatePolicyResult> {
      return createPolicy({ ...d.createPolicy, folders: d.folders, progress: d.progress, refresh: d.refresh, log: d.log }, args, NOT_CANCELLED);
    },

    verifyLedger(args: VerifyLedgerArgs): VerifyLedgerResult {
      const path = uriToPath(args.policyUri);
      if (!path) return { ok: false, entries: 0, reason: `not a policy file: ${args.policyUri}` };
      // the policy's ledger.writers decide whose signatures count, as in `rotation-guard ledger verify`
      const r = verifyLedger(ledgerPathFor(path), undefined, { writers: loadPolicyFile(path).policy?.ledger?.writers });
      return { ok: r.ok, entries: r.entries, ...(r.firstBadLine !== undefined ? { firstBadLine: r.firstBadLine } : {}), ...(r.reason !== undefined ? { reason: r.reason } : {}) };
    },

    async enforce(args: EnforceArgs): Promise<EnforceResult> {
      const path = uriToPath(args.policyUri);
      if (!path) return { exitCode: 2, compliant: false, refused: `not a policy file: ${args.policyUri}`, outcomes: [], notes: [], lines: [`not a policy file: ${args.policyUri}`] };
      const allowedPaths = await d.allowedPaths(args.policyUri);
      // Unattended, so any error but the states enforce exists for refuses the run (as the CLI).
      const loaded = loadPolicy(path, { strict: true, env: d.env, allowedPaths });
      if (!loaded.policy || loaded.error) {
        const refused = `refusing to act on a policy with errors; nothing was changed: ${loaded.error?.message ?? 'it could not be read'}`;
        return { exitCode: 2, compliant: false, refused, outcomes: [], notes: [], lines: [refused] };
      }
      const progress = await d.progress();
      progress.begin('Rotation Guard: enforcing the policy', undefined, 'reading the ledger, stores and history', false);
      try {
        const r = await runEnforcement({
          policy: loaded,
          stores: createPolicyStoreRegistry(loaded.policy, path, d.env, {}, allowedPaths),
          allowedPaths,
          trust: trustFor(path, d.workspaceTrusted(), d.env),
          fingerprintKey: loadFingerprintKey(d.env),
          env: d.env,
          now: () => new Date(),
          dryRun: args.dryRun === true,
          ...(args.only ? { only: args.only } : {}),
          log: (line) => {
            d.log(`enforce: ${line}`);
            progress.report(line);
          },
          prompt: async (req) => {
            throw new Error(`'${req.secretId}' needs a new value from a person: use Rotate Now`);
          },
        });
        const lines = summaryLines(r, args.dryRun === true);
        for (const l of lines) d.log(`enforce: ${l}`);
        return { exitCode: r.compliant ? 0 : 1, compliant: r.compliant, ...(r.refused ? { refused: r.refused } : {}), outcomes: r.outcomes.map((o) => ({ secretId: o.secretId, action: o.action, status: o.status, reason: o.reason, ...(o.message ? { message: o.message } : {}) })), notes: r.notes, lines };
      } finally {
        progress.done();
        await d.refresh();
      }
    },

    async scanGitHistory(args: ScanGitHistoryArgs): Promise<ScanGitHistoryResult> {
      const dir = args.folderUri ? uriToPath(args.folderUri) : d.folders()[0];
      if (!dir) return { findings: [], commitsScanned: 0, shallow: false, error: 'open a folder to scan its git history' };
      const progress = await d.progress();
      progress.begin('Rotation Guard: scanning git history', undefined, '', false);
      let found = 0;
      try {
        const known = d.knownSecrets();
        const r = await scanGitHistory({ dir, ...(args.since ? { since: args.since } : {}), ...(known ? { knownSecrets: known } : {}), onFinding: () => progress.report(`${++found} found`) });
        const findings = meetsConfidence(r.findings, await d.minConfidence(dir)).map((f) => ({ file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity, preview: f.preview, fingerprint: f.fingerprint, commit: f.commit, authorDate: f.authorDate, ...(f.secretId ? { secretId: f.secretId } : {}) }));
        for (const f of findings) d.log(`git history: ${f.ruleId} in ${f.file}:${f.line} (commit ${f.commit.slice(0, 12)}, ${f.authorDate.slice(0, 10)})`);
        return { findings, commitsScanned: r.commitsScanned, shallow: r.shallow };
      } catch (err) {
        if (err instanceof GitHistoryError) return { findings: [], commitsScanned: 0, shallow: false, error: err.message };
        throw err;
      } finally {
        progress.done();
      }
    },
  };
}

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyBaseline, entriesFor, formatBaseline, type KnownSecrets, meetsConfidence } from '../../../core/detect';
import { readBaselineFile } from './baseline-file';
import { loadFingerprintKey } from '../../../core/values';
import { scanGitHistory, type HistoryFinding, type HistoryScanResult } from '../../../core/git-history';
import { knownValuesFromLedger, trustedPolicyLedger } from '../../../core/ledger';
import { findPolicyFile } from '../../../core/policy';
import { UsageError, type CliIO } from '../io';
import type { ScanArgs } from './args';
import { countLine, findingJson, incidentsOf } from './report';
import { formatSarif } from './sarif';

/**
 * `scan --git-history [--since REF] [--all-refs] [DIR]`: the lines each commit added, with the
 * commit and its author date on every finding. Current and retired values the policy's ledger
 * knows are matched by keyed fingerprint, as in the editor. Exit 0 none, 1 findings, 2 errors.
 */
export async function runGitHistoryScan(a: ScanArgs, io: CliIO): Promise<number> {
  if (a.paths.length > 1) throw new UsageError('--git-history scans one repository: give at most one folder inside it');
  const dir = resolve(io.cwd, a.paths[0] ?? '.');
  const result = await scanGitHistory({ dir, since: a.since, allRefs: a.allRefs, maxBlockBytes: a.maxFileBytes, knownSecrets: knownFromPolicyLedger(dir, io.env) });
  if (result.shallow) {
    io.stderr(`rotation-guard scan: this is a shallow clone: only the commits present were scanned, and the oldest of them counts as adding every file it holds. For the whole history run \`git fetch --unshallow\` (in CI: fetch-depth: 0 / GIT_DEPTH: 0).\n`);
  }
  if (result.missingObjects.length) io.stderr(missingObjectsNote(result));
  let findings = meetsConfidence(result.findings, a.minConfidence);

  if (a.writeBaseline) {
    writeFileSync(resolve(io.cwd, a.writeBaseline), formatBaseline(entriesFor(findings, a.reason!, a.expires)));
    io.stderr(`rotation-guard scan: wrote ${new Set(findings.map((f) => f.fingerprint)).size} baseline entries to ${a.writeBaseline}\n`);
    return 0;
  }
  let accepted = 0;
  if (a.baseline) {
    const entries = readBaselineFile(a.baseline, io);
    if (!entries) return 2;
    // Entries unused by the history are normal (a baseline also covers today's files): not reported.
    const r = applyBaseline(findings, entries, a.today);
    for (const e of r.expired) io.stderr(`${a.baseline}: entry ${e.fingerprint} (${e.ruleId}) expired on ${e.expires}; the finding is reported again\n`);
    accepted = r.accepted.length;
    findings = r.reported;
  }
  io.stdout(renderHistory(a.format, findings, result, accepted));
  io.stderr(historySummary(findings, result, accepted));
  return findings.length ? 1 : 0;
}

/**
 * The ledger of the policy nearest to `dir` (if any) names current and retired values by
 * fingerprint; only entries a trusted writer signed count (a cloned repository's ledger is input).
 */
function knownFromPolicyLedger(dir: string, env: NodeJS.ProcessEnv): KnownSecrets | undefined {
  const policy = findPolicyFile(dir);
  if (!policy) return undefined;
  const known = knownValuesFromLedger(trustedPolicyLedger(policy).entries);
  if (!known.current.size && !known.retired.size) return undefined;
  return { key: loadFingerprintKey(env), ...known };
}

export function renderHistory(format: ScanArgs['format'], findings: HistoryFinding[], r: HistoryScanResult, accepted: number): string {
  if (format === 'json') {
    const { incidents, incidentOf } = incidentsOf(findings);
    const out = findings.map((f) => ({ commit: f.commit, authorDate: f.authorDate, ...findingJson(f, incidentOf(f)) }));
    const summary = { incidents, commitsScanned: r.commitsScanned, filesScanned: r.blocksScanned, bytesScanned: r.bytesScanned, skipped: r.skipped, shallow: r.shallow, ...(r.missingObjects.length ? { missingObjects: r.missingObjects } : {}), ...(accepted ? { baseline: { accepted } } : {}) };
    return `${JSON.stringify({ findings: out, ...summary }, null, 2)}\n`;
  }
  if (format === 'sarif') {
    const sarif = JSON.parse(formatSarif({ findings, filesScanned: r.blocksScanned, bytesScanned: r.bytesScanned, skipped: { ...r.skipped, unreadable: 0 } }, process.env.ROTATION_GUARD_VERSION ?? '0.1.0')) as SarifLog;
    // The finding is in a past version of the file: say which, as SARIF's own properties bag allows.
    sarif.runs[0]!.results.forEach((res, i) => {
      res.properties = { ...res.properties, commit: findings[i]!.commit, authorDate: findings[i]!.authorDate };
      res.message.text = `${res.message.text} (added in commit ${findings[i]!.commit.slice(0, 12)})`;
    });
    return `${JSON.stringify(sarif, null, 2)}\n`;
  }
  return findings
    .map((f) => `${f.commit.slice(0, 12)} ${f.authorDate} ${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}\n    fix: ${f.hint}\n`)
    .join('');
}

interface SarifLog {
  runs: Array<{ results: Array<{ message: { text: string }; properties?: Record<string, unknown> }> }>;
}

function historySummary(findings: HistoryFinding[], r: HistoryScanResult, accepted: number): string {
  const mib = (r.bytesScanned / 1048576).toFixed(2);
  const parts = [`${countLine(findings)} in ${r.commitsScanned} commits (${r.blocksScanned} file changes, ${mib} MiB added)`];
  if (accepted) parts.push(`${accepted} accepted by the baseline`);
  const skipped = [r.skipped.binary && `${r.skipped.binary} binary`, r.skipped.tooLarge && `${r.skipped.tooLarge} too large`, r.missingObjects.length && `${r.missingObjects.length} missing from this repository`].filter(Boolean);
  if (skipped.length) parts.push(`skipped ${skipped.join(', ')}`);
  return `rotation-guard scan --git-history: ${parts.join('; ')}\n`;
}


/** What a repository without some of its objects kept from the scan, by name (the first 20). */
function missingObjectsNote(r: HistoryScanResult): string {
  const lines = r.missingObjects.slice(0, 20).map((m) => `  ${m.commit.slice(0, 12)} ${m.path ?? '(the whole commit)'}${m.object ? ` (object ${m.object.slice(0, 12)})` : ''}\n`);
  const more = r.missingObjects.length > 20 ? `  … and ${r.missingObjects.length - 20} more (--format json lists them all)\n` : '';
  return `rotation-guard scan: this repository lacks the content of ${r.missingObjects.length} file change(s) (a partial clone, or objects removed); they were not scanned, the rest was:\n${lines.join('')}${more}For a complete scan, fetch the missing objects (in a partial clone: git fetch --refetch, or clone without --filter).\n`;
}

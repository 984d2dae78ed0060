import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyBaseline, entriesFor, formatBaseline, meetsConfidence } from '../../../core/detect';
import { readBaselineFile } from '../scan/baseline-file';
import { UsageError, type CliIO } from '../io';
import { parseScanArgs, type ScanArgs } from '../scan/args';
import { runGitHistoryScan } from '../scan/git-history';
import { scanFiles } from '../scan/pool';
import { formatJson, formatText, summaryLine, summarise, type ScanReport } from '../scan/report';
import { formatSarif } from '../scan/sarif';
import { displayPathFrom } from '../scan/display-path';
import { scanBuffer, type FileResult } from '../scan/scan-file';
import { stagedFiles } from '../scan/staged';
import { describeTruncation, listFiles, type WalkResult } from '../../../core/files';
import { annotateLive, defaultLiveCacheFile, LiveVerifier } from '../../../core/verify-live';

/**
 * `rotation-guard scan [--format text|json|sarif] [--baseline FILE] PATH...`
 * Exit 0: no findings; 1: findings; 2: usage or I/O error. Values never reach the output: each
 * finding carries a masked preview and a fingerprint only.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseScanArgs(args);
  if (a.gitHistory) return runGitHistoryScan(a, io);
  const { results, walk } = await collect(a, io);
  const display = displayPathFrom(io.cwd);
  const report = summarise(
    results.map((r) => ({ ...r, findings: meetsConfidence(r.findings, a.minConfidence) })),
    display,
  );

  if (a.writeBaseline) {
    const target = resolve(io.cwd, a.writeBaseline);
    writeFileSync(target, formatBaseline(entriesFor(report.findings, a.reason!, a.expires)));
    io.stderr(`rotation-guard scan: wrote ${new Set(report.findings.map((f) => f.fingerprint)).size} baseline entries to ${a.writeBaseline}\n`);
    return 0;
  }

  let accepted = 0;
  const extra: Record<string, unknown> = {};
  if (walk?.truncated) {
    io.stderr(`rotation-guard scan: ${describeTruncation(walk.truncated)}\n`);
    extra.walk = { truncated: walk.truncated };
  }
  if (a.baseline) {
    const entries = readBaselineFile(a.baseline, io);
    if (!entries) return 2;
    const r = applyBaseline(report.findings, entries, a.today);
    accepted = r.accepted.length;
    report.findings = r.reported;
    for (const e of r.unused) io.stderr(`${a.baseline}: entry ${e.fingerprint} (${e.ruleId}${e.file ? `, ${e.file}` : ''}) matches nothing any more; delete it\n`);
    for (const e of r.expired) io.stderr(`${a.baseline}: entry ${e.fingerprint} (${e.ruleId}) expired on ${e.expires}; the finding is reported again\n`);
    extra.baseline = { accepted, unused: r.unused.map((e) => e.fingerprint), expired: r.expired.map((e) => e.fingerprint) };
  }

  if (a.verify) extra.live = await annotateLive(report.findings, (f) => (a.stdin ? undefined : resolve(io.cwd, f.file)), new LiveVerifier({ env: process.env, cacheFile: defaultLiveCacheFile(process.env) }));
  io.stdout(render(a, report, extra));
  io.stderr(summaryLine(report, accepted));
  return report.findings.length ? 1 : 0;
}

function render(a: ScanArgs, report: ScanReport, extra: Record<string, unknown>): string {
  if (a.format === 'json') return formatJson(report, extra);
  if (a.format === 'sarif') return formatSarif(report, process.env.ROTATION_GUARD_VERSION ?? '0.1.0');
  return formatText(report);
}

async function collect(a: ScanArgs, io: CliIO): Promise<{ results: FileResult[]; walk?: WalkResult }> {
  if (a.stdin) {
    // At most --max-file-size, as a file: `scan --stdin < /dev/zero` ends with an error.
    const text = await io.readStdin(a.maxFileBytes);
    return { results: [scanBuffer(a.stdinFilename, Buffer.from(text, 'utf8'), a.maxFileBytes)] };
  }
  if (a.staged) {
    const out: FileResult[] = [];
    for (const s of stagedFiles(io.cwd, a.maxFileBytes)) {
      const abs = join(s.root, s.path);
      if ('tooLarge' in s) out.push({ file: abs, findings: [], bytes: 0, skipped: 'too-large' });
      else out.push(scanBuffer(abs, s.content, a.maxFileBytes));
    }
    return { results: out };
  }
  const walk = listFiles(a.paths, io.cwd, !a.noIgnore, { budget: { maxFiles: a.maxFiles } });
  if (walk.missing.length) throw new UsageError(`no such file or directory: ${walk.missing.join(', ')}`);
  if (walk.devices.length) throw new UsageError(`refusing to read ${walk.devices.join(', ')}: a device, not a file (it may never end)`);
  return { results: await scanFiles(walk.files, { maxBytes: a.maxFileBytes, jobs: a.jobs }), walk };
}

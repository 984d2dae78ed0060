// The diagnosis of one file, pure: its text (or decoded bytes), uri and settings, and what the
// workspace knows (known secrets, policy and reference checks) → diagnostics. No connection and
// no timing: live validation (scheduler.ts), the document pull, the workspace scan, the workspace
// pull and the scan worker all call these two functions.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import picomatch from 'picomatch';
import { meetsConfidence, scanDecoded, scanText, type DecodedBytes } from '../../core/detect';
import type { KnownSecrets } from '../../core/detect';
import { binaryFindingToDiagnostic, findingToDiagnostic } from './secretDiagnostics';
import { formatNameFor, uriToPath } from './paths';
import type { Settings } from '../../protocol/src/settings';
import { CodePrefix, DIAGNOSTIC_SOURCE, FileCodes } from '../../protocol/src/protocol';

/** What the diagnosis reads besides the file: a snapshot of the workspace's knowledge. */
export interface DiagnoseContext {
  knownSecrets: KnownSecrets | undefined;
  /** Policy files get their own analysis (schema, threat model, staleness) on top of secret scanning. */
  policyDiagnostics: (doc: TextDocument, path: string) => Diagnostic[] | undefined;
  /** `stale/*` diagnostics where a document refers to a policy secret that is due, overdue or compromised. */
  referenceDiagnostics: (doc: TextDocument, path: string | undefined) => Diagnostic[];
  /** What "Is this key live?" found for a fingerprint this session: a live key's diagnostic says so and comes first. */
  liveVerdict?: (fingerprint: string) => 'live' | 'refused' | 'unknown' | undefined;
  log: (msg: string) => void;
}

/**
 * One key per problem, the same for every location of one incident: a secret's key is its value's
 * incident key (core/detect/incidents.ts), so the same key in ten files, or under two rules, counts once;
 * any other problem is its own. Notes about files that were not scanned are not problems.
 */
export function problemKeys(uri: string, diagnostics: Diagnostic[]): string[] {
  const keys: string[] = [];
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    if (code.startsWith(CodePrefix.file)) continue;
    const data = d.data as { kind?: string; fingerprint?: string; incident?: string } | undefined;
    const key = data?.incident ?? data?.fingerprint;
    keys.push(data?.kind === 'secret' && key ? `secret ${key}` : `${uri} ${d.range.start.line}:${d.range.start.character} ${code}`);
  }
  return keys;
}

export function isExcluded(path: string | undefined, settings: Settings): boolean {
  if (!path) return false;
  const norm = path.replace(/\\/g, '/');
  return settings.exclude.some((g) => picomatch.isMatch(norm, g, { dot: true }) || picomatch.isMatch(norm, `**/${g.replace(/^\*\*\//, '')}`, { dot: true }));
}

/** NUL bytes in the first 8 KB: a binary file opened as text (the same test the CLI's walk uses on bytes). */
function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

function skippedDiagnostic(code: string, message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, code, source: DIAGNOSTIC_SOURCE, message };
}

/**
 * The diagnosis of one document: `enable`, the exclusions, the size and binary rules, secrets,
 * policy checks and stale references. Undefined when cancelled.
 */
export function diagnoseDocument(doc: TextDocument, settings: Settings, ctx: DiagnoseContext, isCancelled: () => boolean): Diagnostic[] | undefined {
  const path = uriToPath(doc.uri);
  if (!settings.enable || isExcluded(path, settings)) return [];
  const text = doc.getText();
  if (text.length > settings.maxFileSizeKB * 1024) {
    const kb = Math.round(text.length / 1024);
    ctx.log(`skipped ${doc.uri}: ${kb} KB is over rotationGuard.maxFileSizeKB (${settings.maxFileSizeKB})`);
    return [skippedDiagnostic(FileCodes.tooLarge, `Rotation Guard did not scan this file: ${kb} KB is over rotationGuard.maxFileSizeKB (${settings.maxFileSizeKB} KB).`)];
  }
  if (looksBinary(text)) return [skippedDiagnostic(FileCodes.binary, 'Rotation Guard did not scan this file: it looks binary (NUL bytes).')];
  const formatName = formatNameFor(doc.uri, doc.languageId);
  const known = ctx.knownSecrets;
  const findings = meetsConfidence(scanText(text, { path: formatName, isCancelled, ...(known ? { knownSecrets: known } : {}) }), settings.minConfidence);
  if (isCancelled()) return undefined;
  const live = (f: (typeof findings)[number]) => ctx.liveVerdict?.(f.fingerprint) === 'live';
  const diagnostics = [...findings.filter(live), ...findings.filter((f) => !live(f))].map((f) => {
    const d = findingToDiagnostic(doc, formatName, f);
    return live(f) ? { ...d, severity: DiagnosticSeverity.Error, message: `LIVE: its service accepted this key — rotate it at once. ${d.message}` } : d;
  });
  if (path) {
    const policy = ctx.policyDiagnostics(doc, path);
    if (policy) diagnostics.push(...policy);
  }
  diagnostics.push(...ctx.referenceDiagnostics(doc, path));
  return diagnostics;
}

/**
 * The diagnosis of a file read from disk (never an open document), as core's `decodeForScan`
 * read its bytes. Text is diagnosed as a document; a binary container with the same `enable`,
 * exclusions, known values and confidence floor, the rules core allows for such bytes, and
 * diagnostics at the top of the file naming byte offsets. Undefined when cancelled.
 */
export function diagnoseDecoded(uri: string, decoded: DecodedBytes, settings: Settings, ctx: DiagnoseContext, isCancelled: () => boolean): Diagnostic[] | undefined {
  if (decoded.kind === 'text') return diagnoseDocument(TextDocument.create(uri, 'plaintext', 0, decoded.text), settings, ctx, isCancelled);
  const path = uriToPath(uri);
  if (!settings.enable || isExcluded(path, settings)) return [];
  const known = ctx.knownSecrets;
  const findings = meetsConfidence(scanDecoded(decoded, { path: path ?? uri, isCancelled, ...(known ? { knownSecrets: known } : {}) }), settings.minConfidence);
  if (isCancelled()) return undefined;
  return findings.map(binaryFindingToDiagnostic);
}

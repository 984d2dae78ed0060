import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import picomatch from 'picomatch';
import { meetsConfidence, scanDecoded, scanText, type DecodedBytes, type KnownSecrets } from '../../core/detect';
import { binaryFindingToDiagnostic, findingToDiagnostic } from './secretDiagnostics';
import { formatNameFor, uriToPath } from './paths';
import type { SettingsCache } from './settings';
import type { Settings } from '../../protocol/src/settings';
import { CodePrefix, DIAGNOSTIC_SOURCE, FileCodes } from '../../protocol/src/protocol';

/** Policy files get their own analysis (schema, threat model, staleness) on top of secret scanning. */
export type PolicyDiagnostics = (doc: TextDocument, path: string) => Diagnostic[] | undefined;
/** `stale/*` diagnostics where a document refers to a policy secret that is due, overdue or compromised. */
export type ReferenceDiagnostics = (doc: TextDocument, path: string | undefined) => Diagnostic[];

export interface ValidatorDeps {
  connection: Connection;
  settings: SettingsCache;
  knownSecrets: () => KnownSecrets | undefined;
  policyDiagnostics: PolicyDiagnostics;
  referenceDiagnostics?: ReferenceDiagnostics;
  log: (msg: string) => void;
  /** The file's problems as incident keys (`problemKeys`): the status counts distinct keys. */
  onFindings: (uri: string, problems: readonly string[], diagnostics?: readonly Diagnostic[]) => void;
  /** Publish or keep for a pull request (`textDocument/diagnostic`); push when absent. */
  publish?: (uri: string, version: number, diagnostics: Diagnostic[]) => Promise<void>;
  /** The old fixed debounce, kept only so the benchmark can measure it as its baseline. */
  fixedDebounceMs?: number;
  /** What "Is this key live?" found for a fingerprint this session: a live key's diagnostic says so and comes first. */
  liveVerdict?: (fingerprint: string) => 'live' | 'refused' | 'unknown' | undefined;
}

/** Problems for the status count: the notes about files that were not scanned are not problems. */
export function countProblems(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => !String(d.code ?? '').startsWith(CodePrefix.file)).length;
}

/**
 * One key per problem, the same for every location of one incident: a secret's key is its
 * fingerprint (rule + value, core/detect/incidents.ts), so the same key in ten files counts once;
 * any other problem is its own.
 */
export function problemKeys(uri: string, diagnostics: Diagnostic[]): string[] {
  const keys: string[] = [];
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    if (code.startsWith(CodePrefix.file)) continue;
    const data = d.data as { kind?: string; fingerprint?: string } | undefined;
    keys.push(data?.kind === 'secret' && data.fingerprint ? `secret ${data.fingerprint}` : `${uri} ${d.range.start.line}:${d.range.start.character} ${code}`);
  }
  return keys;
}

/** Longest a document waits for its diagnostics while changes keep coming faster than it scans. */
const MAX_COALESCE_MS = 200;

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

interface DocState {
  /** The pending run: an immediate when idle (no 1 ms timer floor), a timeout while coalescing. */
  timer?: { cancel: () => void };
  lastChangeAt: number;
  /** How long the last validation of this document took (ms): a change sooner than that is a burst. */
  lastScanMs: number;
  burstStartedAt?: number;
}

/**
 * Validates documents as they change. When the server is idle a change is validated at once (on
 * the next turn of the event loop); while changes arrive faster than a scan of the document takes
 * they are coalesced, for at most MAX_COALESCE_MS. Results for an older version are dropped
 * instead of published, and a scan stops early once a newer version has arrived.
 */
export class Validator {
  private docs = new Map<string, DocState>();

  constructor(private readonly deps: ValidatorDeps) {}

  schedule(doc: TextDocument, getLatest: (uri: string) => TextDocument | undefined, immediate = false): void {
    const now = performance.now();
    const st = this.docs.get(doc.uri) ?? { lastChangeAt: -Infinity, lastScanMs: 0 };
    this.docs.set(doc.uri, st);
    st.timer?.cancel();
    const run = () => {
      st.timer = undefined;
      st.burstStartedAt = undefined;
      const latest = getLatest(doc.uri);
      if (latest) void this.validate(latest, getLatest, st);
    };
    const sinceLast = now - st.lastChangeAt;
    st.lastChangeAt = now;
    let delay: number;
    if (this.deps.fixedDebounceMs !== undefined && !immediate) delay = this.deps.fixedDebounceMs;
    else if (immediate || sinceLast > st.lastScanMs) delay = 0;
    else {
      st.burstStartedAt ??= now;
      delay = Math.max(0, Math.min(st.lastScanMs, MAX_COALESCE_MS - (now - st.burstStartedAt)));
    }
    if (delay === 0) {
      const h = setImmediate(run);
      st.timer = { cancel: () => clearImmediate(h) };
    } else {
      const h = setTimeout(run, delay);
      st.timer = { cancel: () => clearTimeout(h) };
    }
  }

  cancel(uri: string): void {
    const st = this.docs.get(uri);
    st?.timer?.cancel();
    this.docs.delete(uri);
  }

  /**
   * The diagnosis of one document, shared by live validation and the workspace scan: `enable`,
   * the exclusions, the size and binary rules, secrets, policy checks and stale references.
   * Undefined when cancelled.
   */
  async diagnose(doc: TextDocument, isCancelled: () => boolean, folderSettings?: Settings): Promise<Diagnostic[] | undefined> {
    // The workspace scan passes its folder's settings: one configuration request per folder, not per file.
    const settings = folderSettings ?? (await this.deps.settings.get(doc.uri));
    const path = uriToPath(doc.uri);
    if (!settings.enable || isExcluded(path, settings)) return [];
    const text = doc.getText();
    if (text.length > settings.maxFileSizeKB * 1024) {
      const kb = Math.round(text.length / 1024);
      this.deps.log(`skipped ${doc.uri}: ${kb} KB is over rotationGuard.maxFileSizeKB (${settings.maxFileSizeKB})`);
      return [skippedDiagnostic(FileCodes.tooLarge, `Rotation Guard did not scan this file: ${kb} KB is over rotationGuard.maxFileSizeKB (${settings.maxFileSizeKB} KB).`)];
    }
    if (looksBinary(text)) return [skippedDiagnostic(FileCodes.binary, 'Rotation Guard did not scan this file: it looks binary (NUL bytes).')];
    const formatName = formatNameFor(doc.uri, doc.languageId);
    const known = this.deps.knownSecrets();
    const findings = meetsConfidence(scanText(text, { path: formatName, isCancelled, ...(known ? { knownSecrets: known } : {}) }), settings.minConfidence);
    if (isCancelled()) return undefined;
    const live = (f: (typeof findings)[number]) => this.deps.liveVerdict?.(f.fingerprint) === 'live';
    const diagnostics = [...findings.filter(live), ...findings.filter((f) => !live(f))].map((f) => {
      const d = findingToDiagnostic(doc, formatName, f);
      return live(f) ? { ...d, severity: DiagnosticSeverity.Error, message: `LIVE: its service accepted this key — rotate it at once. ${d.message}` } : d;
    });
    if (path) {
      const policy = this.deps.policyDiagnostics(doc, path);
      if (policy) diagnostics.push(...policy);
    }
    if (this.deps.referenceDiagnostics) diagnostics.push(...this.deps.referenceDiagnostics(doc, path));
    return diagnostics;
  }

  /**
   * The diagnosis of a file read from disk (never an open document: those go through `diagnose`),
   * as core's `decodeForScan` read its bytes — for the workspace scan and the workspace pull alike.
   * Text is diagnosed as a document; a binary container with the same `enable`, exclusions, known
   * values and confidence floor, the rules core allows for such bytes, and diagnostics at the top
   * of the file naming byte offsets. Undefined when cancelled.
   */
  async diagnoseDecoded(uri: string, decoded: DecodedBytes, isCancelled: () => boolean, settings: Settings): Promise<Diagnostic[] | undefined> {
    if (decoded.kind === 'text') return this.diagnose(TextDocument.create(uri, 'plaintext', 0, decoded.text), isCancelled, settings);
    const path = uriToPath(uri);
    if (!settings.enable || isExcluded(path, settings)) return [];
    const known = this.deps.knownSecrets();
    const findings = meetsConfidence(scanDecoded(decoded, { path: path ?? uri, isCancelled, ...(known ? { knownSecrets: known } : {}) }), settings.minConfidence);
    if (isCancelled()) return undefined;
    return findings.map(binaryFindingToDiagnostic);
  }

  private async validate(doc: TextDocument, getLatest: (uri: string) => TextDocument | undefined, st: DocState): Promise<void> {
    const version = doc.version;
    const isCancelled = () => getLatest(doc.uri)?.version !== version;
    const t0 = performance.now();
    try {
      const diagnostics = await this.diagnose(doc, isCancelled);
      st.lastScanMs = performance.now() - t0;
      if (!diagnostics || isCancelled()) return; // a newer version is on its way
      if (this.deps.publish) await this.deps.publish(doc.uri, version, diagnostics);
      else await this.deps.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      this.deps.onFindings(doc.uri, problemKeys(doc.uri, diagnostics), diagnostics);
    } catch (err) {
      this.deps.log(`validation of ${doc.uri} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
}

import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import picomatch from 'picomatch';
import { scanText } from '../../core/detect';
import type { KnownSecrets } from '../../core/detect/types';
import { findingToDiagnostic } from './secretDiagnostics';
import { formatNameFor, uriToPath } from './paths';
import type { SettingsCache } from './settings';
import type { Settings } from '../../protocol/src/settings';

/** Policy files get their own analysis (schema, threat model, staleness) on top of secret scanning. */
export type PolicyDiagnostics = (doc: TextDocument, path: string) => Diagnostic[] | undefined;

export interface ValidatorDeps {
  connection: Connection;
  settings: SettingsCache;
  knownSecrets: () => KnownSecrets | undefined;
  policyDiagnostics: PolicyDiagnostics;
  log: (msg: string) => void;
  onFindings: (uri: string, count: number) => void;
}

const DEBOUNCE_MS = 120;

export function isExcluded(path: string | undefined, settings: Settings): boolean {
  if (!path) return false;
  const norm = path.replace(/\\/g, '/');
  return settings.exclude.some((g) => picomatch.isMatch(norm, g, { dot: true }) || picomatch.isMatch(norm, `**/${g.replace(/^\*\*\//, '')}`, { dot: true }));
}

/**
 * Validates documents as they change: debounced per document, cancelled when a newer version
 * arrives, and results for an older version are dropped instead of published.
 */
export class Validator {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: ValidatorDeps) {}

  schedule(doc: TextDocument, getLatest: (uri: string) => TextDocument | undefined, immediate = false): void {
    const prev = this.timers.get(doc.uri);
    if (prev) clearTimeout(prev);
    const run = () => {
      this.timers.delete(doc.uri);
      const latest = getLatest(doc.uri);
      if (latest) void this.validate(latest, getLatest);
    };
    if (immediate) run();
    else this.timers.set(doc.uri, setTimeout(run, DEBOUNCE_MS));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  async diagnose(doc: TextDocument, isCancelled: () => boolean): Promise<Diagnostic[] | undefined> {
    const settings = await this.deps.settings.get(doc.uri);
    const path = uriToPath(doc.uri);
    if (!settings.enable || isExcluded(path, settings)) return [];
    const text = doc.getText();
    if (text.length > settings.maxFileSizeKB * 1024) {
      this.deps.log(`skipped ${doc.uri}: ${Math.round(text.length / 1024)} KB is over rotationGuard.maxFileSizeKB (${settings.maxFileSizeKB})`);
      return [];
    }
    const formatName = formatNameFor(doc.uri, doc.languageId);
    const known = this.deps.knownSecrets();
    const findings = scanText(text, { path: formatName, isCancelled, ...(known ? { knownSecrets: known } : {}) });
    if (isCancelled()) return undefined;
    const diagnostics = findings.map((f) => findingToDiagnostic(doc, formatName, f));
    if (path) {
      const policy = this.deps.policyDiagnostics(doc, path);
      if (policy) diagnostics.push(...policy);
    }
    return diagnostics;
  }

  private async validate(doc: TextDocument, getLatest: (uri: string) => TextDocument | undefined): Promise<void> {
    const version = doc.version;
    const isCancelled = () => getLatest(doc.uri)?.version !== version;
    try {
      const diagnostics = await this.diagnose(doc, isCancelled);
      if (!diagnostics || isCancelled()) return; // a newer version is on its way
      await this.deps.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
      this.deps.onFindings(doc.uri, diagnostics.length);
    } catch (err) {
      this.deps.log(`validation of ${doc.uri} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
}

// Policy navigation: outline, workspace symbols, go-to-definition of a threat model, store or
// provider name, find-references (a policy secret → every file that uses it by env var name),
// and rename of a secret, store, provider or threat-model name across the workspace's policies.
import { ErrorCodes, ResponseError, SymbolKind, type DocumentSymbol, type Location, type Position, type Range, type SymbolInformation, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isProbablyBinary } from '../../core/detect';
import { readWorkspaceFile, walkWorkspace } from '../../core/files';
import { isPolicyFile, nameSiteAt, policyNameSites, policySymbols, type NameSite, type PolicySymbol } from '../../core/policy';
import { envAccessSiteAt, envAccessSites } from '../../core/env-access';
import { pathToUri, uriToPath } from './paths';
import type { PolicySet as SecretIndex, SetSecret as IndexedSecret } from '../../core/policy';

const KINDS: Record<PolicySymbol['section'], SymbolKind> = { section: SymbolKind.Namespace, threatModels: SymbolKind.Interface, stores: SymbolKind.Object, providers: SymbolKind.Function, secrets: SymbolKind.Key };
/** Files larger than this are not searched for references (they are not scanned either). */
const MAX_SEARCH_BYTES = 2 * 1024 * 1024;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function toDocumentSymbol(s: PolicySymbol): DocumentSymbol {
  return { name: s.name, kind: KINDS[s.section], range: s.range, selectionRange: s.selectionRange, ...(s.detail ? { detail: s.detail } : {}), children: s.children.map(toDocumentSymbol) };
}

export interface NavigationDeps {
  index: SecretIndex;
  folders: () => string[];
  openDoc: (uri: string) => TextDocument | undefined;
  warn: (message: string) => void;
}

export class PolicyNavigation {
  constructor(private readonly d: NavigationDeps) {}

  private isPolicy(doc: TextDocument): string | undefined {
    const path = uriToPath(doc.uri);
    return path && isPolicyFile(path) ? path : undefined;
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    const path = this.isPolicy(doc);
    return path ? policySymbols(doc.getText(), path).map(toDocumentSymbol) : [];
  }

  workspaceSymbols(query: string): SymbolInformation[] {
    const q = query.toLowerCase();
    return this.d.index.get().policies.flatMap((p) =>
      policySymbols(p.text, p.path).flatMap((section) =>
        section.children.filter((c) => c.name.toLowerCase().includes(q)).map((c) => ({ name: c.name, kind: KINDS[c.section], containerName: section.name, location: { uri: p.uri, range: c.selectionRange } })),
      ),
    );
  }

  private siteAt(doc: TextDocument, path: string, position: Position): { sites: NameSite[]; site: NameSite | undefined } {
    const sites = policyNameSites(doc.getText(), path);
    return { sites, site: nameSiteAt(sites, position.line, position.character) };
  }

  /** In a policy: a threat model, store or provider name → where the policy defines it. */
  definition(doc: TextDocument, position: Position): Location | null {
    const path = this.isPolicy(doc);
    if (!path) return null;
    const { sites, site } = this.siteAt(doc, path, position);
    if (!site) return null;
    const def = sites.find((s) => s.role === 'definition' && s.section === site.section && s.name === site.name);
    return def ? { uri: doc.uri, range: def.range } : null;
  }

  /** The policy secret a position names: its id in a policy, or an env var reference elsewhere. */
  private secretAt(doc: TextDocument, position: Position): IndexedSecret | undefined {
    const snap = this.d.index.get();
    const path = this.isPolicy(doc);
    if (path) {
      const { site } = this.siteAt(doc, path, position);
      return site?.section === 'secrets' ? snap.all.find((s) => s.id === site.name && s.policyUri === doc.uri) : undefined;
    }
    const ref = envAccessSiteAt(doc.getText(), snap.names, doc.offsetAt(position));
    return ref ? snap.byEnvVar.get(ref.name) : undefined;
  }

  async references(doc: TextDocument, position: Position, includeDeclaration: boolean): Promise<Location[]> {
    const path = this.isPolicy(doc);
    if (path) {
      const { site } = this.siteAt(doc, path, position);
      if (site && site.section !== 'secrets') return this.nameSites(site.section, site.name).filter((x) => includeDeclaration || x.site.role === 'usage').map((x) => ({ uri: x.uri, range: x.site.range }));
    }
    const secret = this.secretAt(doc, position);
    if (!secret) return [];
    const out = await this.secretUses(secret);
    return includeDeclaration ? [{ uri: secret.policyUri, range: secret.state.range }, ...out] : out;
  }

  /** Every place in the workspace (open buffers first, then files on disk) that names one of the secret's env vars. */
  private async secretUses(secret: IndexedSecret): Promise<Location[]> {
    const names = new Set(secret.envVars);
    const out: Location[] = [];
    for (const folder of this.d.folders()) {
      // The one workspace walk, as the scan's: files over MAX_SEARCH_BYTES are not listed.
      for (const { path } of (await walkWorkspace(folder, { maxBytes: MAX_SEARCH_BYTES })).files) {
        if (isPolicyFile(path)) continue;
        const uri = pathToUri(path);
        let doc = this.d.openDoc(uri);
        if (!doc) {
          const bytes = readWorkspaceFile(path, MAX_SEARCH_BYTES);
          if (!bytes || isProbablyBinary(bytes)) continue;
          doc = TextDocument.create(uri, 'plaintext', 0, bytes.toString('utf8'));
        }
        const sites = envAccessSites(doc.getText(), names);
        for (const s of sites) out.push({ uri, range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) } });
      }
    }
    return out;
  }

  /** Definitions and uses of a name in every policy of the workspace. */
  private nameSites(section: NameSite['section'], name: string): Array<{ uri: string; text: string; site: NameSite }> {
    return this.d.index.get().policies.flatMap((p) => policyNameSites(p.text, p.path).filter((s) => s.section === section && s.name === name).map((site) => ({ uri: p.uri, text: p.text, site })));
  }

  prepareRename(doc: TextDocument, position: Position): { range: Range; placeholder: string } | null {
    const path = this.isPolicy(doc);
    if (!path) return null;
    const { site } = this.siteAt(doc, path, position);
    return site ? { range: site.range, placeholder: site.name } : null;
  }

  rename(doc: TextDocument, position: Position, newName: string): WorkspaceEdit | null {
    const path = this.isPolicy(doc);
    if (!path) return null;
    const { site } = this.siteAt(doc, path, position);
    if (!site) return null;
    if (!NAME_RE.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a policy name: use letters, digits, ".", "_" or "-", starting with a letter or digit`);
    const changes: Record<string, TextEdit[]> = {};
    for (const x of this.nameSites(site.section, site.name)) {
      const open = this.d.openDoc(x.uri);
      const lines = (open ? open.getText() : x.text).split('\n');
      const r = x.site.range;
      // The range may include quotes; replace the name inside it.
      const old = r.start.line === r.end.line ? lines[r.start.line]!.slice(r.start.character, r.end.character) : site.name;
      (changes[x.uri] ??= []).push({ range: r, newText: old.replace(site.name, newName) });
    }
    if (site.section === 'secrets') this.d.warn(`Rotation Guard: the ledger keeps the history of '${site.name}' under that id; after renaming it to '${newName}' its age starts from the policy's lastRotated/createdAt.`);
    return { changes };
  }
}

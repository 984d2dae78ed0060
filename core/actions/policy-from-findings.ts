/**
 * Create Policy from Findings without the editor: a scan's findings in, the text of a policy that
 * passes the checker out. The VS Code command only scans, writes and opens; this decides what the
 * policy says. YAML through the `yaml` package's document model (quoting, escapes and comments
 * are its job), never by joining strings.
 */
import { Document, isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { envVarOf, PROVIDERS } from '../detect';
import { isPromptFile } from '../files/file-kinds';
import type { SecretKind } from '../policy/model/schema';
import { kindForRule, manualProviderFor, placeManualProvider, secretIdFor } from './policy-edit';

/** What the command reads from each finding of `rotation-guard scan --format json`. */
export interface FoundCredential {
  /** Relative to the scanned folder (where the policy is written). */
  file: string;
  ruleId: string;
  /** The env var the detector suggests for this credential. */
  envVar?: string;
}

/** One policy secret per env var: the move action finds a secret by its env var, so it reuses these. */
export interface SecretDraft {
  id: string;
  envVar: string;
  kind: SecretKind;
  /** Detector rules that found it, in the order first seen; the first sets kind and key page. */
  ruleIds: string[];
  /** Files the value was found in that may reference it (forward slashes). */
  files: string[];
  /**
   * Prompt files it was found in: left out of `references.files` (a prompt referencing a credential
   * is the checker's credential-in-prompt error, OWASP LLM02) and named in a comment instead.
   */
  promptFiles: string[];
}

const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The env var the provider table names for the rule; else the detector's; else one from the rule id. */
function envVarFor(f: FoundCredential): string {
  const row = PROVIDERS.find((p) => p.id === f.ruleId);
  const fromTable = row && envVarOf(row);
  if (fromTable) return fromTable;
  if (f.envVar && ENV_VAR.test(f.envVar)) return f.envVar;
  return f.ruleId.slice('secret/'.length).toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'SECRET';
}

export function draftsFrom(findings: readonly FoundCredential[]): SecretDraft[] {
  const byEnv = new Map<string, Omit<SecretDraft, 'id' | 'kind'>>();
  for (const f of findings) {
    if (!f.ruleId.startsWith('secret/')) continue;
    const envVar = envVarFor(f);
    const d = byEnv.get(envVar) ?? { envVar, ruleIds: [], files: [], promptFiles: [] };
    if (!d.ruleIds.includes(f.ruleId)) d.ruleIds.push(f.ruleId);
    const file = f.file.replace(/\\/g, '/');
    const list = isPromptFile(file) ? d.promptFiles : d.files;
    if (!list.includes(file)) list.push(file);
    byEnv.set(envVar, d);
  }
  const taken = new Set<string>();
  return [...byEnv.values()]
    .sort((a, b) => a.envVar.localeCompare(b.envVar))
    .map((d) => {
      const id = secretIdFor(d.envVar, taken);
      taken.add(id);
      return { id, kind: kindForRule(d.ruleIds[0]!), ...d };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** `references.files` are globs: a file named `notes [old].md` must match itself, not `notes o.md`. */
export function literalGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

interface ProviderPlan {
  specs: Record<string, { type: 'manual'; url: string }>;
  /** secret id → provider name; a secret no key page is known for has none. */
  bySecret: Map<string, string>;
}

/**
 * One `manual` provider per distinct key page, named as the move action names it. A rule without a
 * key page gets no provider: the checker requires a manual provider's url (it is what the rotation
 * opens), and one made-up page shared by credentials of different issuers would be wrong for all
 * but one. Such a secret is left without `rotation:` (what the move action does too) and says why
 * in a comment; `enforce` and `rotate` tell the user to add one.
 */
function planProviders(drafts: readonly SecretDraft[]): ProviderPlan {
  const specs: ProviderPlan['specs'] = {};
  const bySecret = new Map<string, string>();
  for (const d of drafts) {
    const manual = d.ruleIds.map(manualProviderFor).find((m) => m !== undefined);
    if (!manual) continue;
    const { name, added } = placeManualProvider(specs, manual);
    if (added) specs[name] = manual.spec;
    bySecret.set(d.id, name);
  }
  return { specs, bySecret };
}

/** Shown in comments: JSON escapes keep a file name with a newline or `#` on its own comment line. */
const shownPath = (p: string) => JSON.stringify(p);

export interface PolicyFromFindingsOptions {
  /** The keychain service the values are kept under (the command passes `rotation-guard-<folder>`). */
  service: string;
  now?: Date;
}

/**
 * A policy every draft is a secret of, with the safe defaults: kept in the OS keychain, a `manual`
 * provider that opens the provider's key page (the user pastes the new key; nothing runs), a
 * compromise trigger because the value sat in a file, and the files it was found in as references.
 */
export function policyFromFindings(drafts: readonly SecretDraft[], opts: PolicyFromFindingsOptions): string {
  const providers = planProviders(drafts);
  const doc = new Document({
    version: 1,
    threatModels: {
      'internet-llm': {
        description: 'Keys that reach public model APIs and sit next to prompts a model reads',
        exposure: 'internet',
        privilege: 'high',
        modelInLoop: true,
        dataSensitivity: 'confidential',
        maxInterval: '30d',
      },
    },
    stores: { keychain: { type: 'keychain', service: opts.service, account: '{id}' } },
    ...(Object.keys(providers.specs).length ? { providers: providers.specs } : {}),
    secrets: drafts.map((d) => ({
      id: d.id,
      description: `Found in ${d.files.length + d.promptFiles.length} file(s) by ${d.ruleIds.join(', ')}`,
      kind: d.kind,
      owner: 'machine',
      threatModel: 'internet-llm',
      maxAge: '30d',
      stores: ['keychain'],
      ...(providers.bySecret.has(d.id) ? { rotation: { provider: providers.bySecret.get(d.id)! } } : {}),
      triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }],
      references: { ...(d.files.length ? { files: d.files.map(literalGlob) } : {}), env: [d.envVar] },
    })),
  });

  const date = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const found = drafts.length ? `${drafts.length} credential(s) found in this workspace` : 'an empty workspace';
  doc.commentBefore = [
    ` Rotation policy created by Rotation Guard on ${date} from ${found}.`,
    ' Review it: owners, stores and providers are safe defaults. Every value below was found in a',
    ' file, so treat it as exposed: move it out with the quick fix, then rotate it. Each provider',
    ' opens the page where that kind of key is made; a secret with no known page has no provider yet.',
  ].join('\n');

  layOut(doc);
  drafts.forEach((d, i) => {
    const item = doc.getIn(['secrets', i], true);
    const notes: string[] = [];
    if (!providers.bySecret.has(d.id)) {
      notes.push(
        ` No key page is known for ${d.ruleIds.join(', ')}, so it has no rotation provider yet: add a`,
        ' `manual` provider with the url of the page where a new one is made, and name it in `rotation:`.',
      );
    }
    if (d.promptFiles.length) {
      notes.push(
        ` Also found in prompt file(s) ${d.promptFiles.map(shownPath).join(', ')}: not listed in references.files,`,
        ' because a prompt must not use a credential. Move the value into the code that calls the model.',
      );
    }
    if (notes.length && isMap(item)) item.commentBefore = notes.join('\n');
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Short lists on one line (`stores: [keychain]`), file names double-quoted, a blank line between sections. */
function layOut(doc: Document): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  root.items.forEach((pair, i) => {
    if (i > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
  });
  const secrets = doc.get('secrets', true);
  if (!isSeq(secrets)) return;
  if (!secrets.items.length) secrets.flow = true;
  for (const secret of secrets.items) {
    for (const path of [['stores'], ['references', 'env'], ['references', 'files']]) {
      const seq = isMap(secret) ? secret.getIn(path, true) : undefined;
      if (!isSeq(seq)) continue;
      seq.flow = true;
      if (path[1] === 'files') for (const f of seq.items as Node[]) if (isScalar(f)) f.type = Scalar.QUOTE_DOUBLE;
    }
  }
}

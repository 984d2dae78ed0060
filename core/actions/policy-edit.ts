/**
 * Adds a secret (and the store it is kept in) to a policy's text, keeping the rest of the file
 * as it was: YAML through the `yaml` package's document model (comments and order survive), JSON
 * through a parse and a two-space rewrite. Pure: text in, text out.
 */
import { isAbsolute, relative } from 'node:path';
import picomatch from 'picomatch';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { isJsonPath } from '../policy/parse/source';
import type { Policy, PolicySecret, SecretKind, StoreRef } from '../policy/model/schema';
import { envVarsOf } from '../policy/state/resolve';
import { PROVIDERS } from '../detect';

/**
 * A `manual` provider that opens the key page the provider table names for the detector's rule,
 * so a secret moved out of a file can be rotated right away ("Rotate now" after the move). Create
 * Policy from Findings names its providers with it too, so both write the same name for a page.
 */
export function manualProviderFor(ruleId: string): { name: string; spec: { type: 'manual'; url: string } } | undefined {
  const url = PROVIDERS.find((p) => p.id === ruleId)?.keyPage;
  return url ? { name: `${ruleId.replace(/^secret\//, '')}-page`, spec: { type: 'manual', url } } : undefined;
}

/**
 * Where a manual provider goes among `providers`: the one already opening the same page, or a new
 * entry under the table's name (`-2`, `-3`… when that name is taken by another provider).
 */
export function placeManualProvider(providers: Readonly<Record<string, { type: string; url?: unknown }>>, manual: NonNullable<ReturnType<typeof manualProviderFor>>): { name: string; added: boolean } {
  const same = Object.entries(providers).find(([, spec]) => spec.type === 'manual' && spec.url === manual.spec.url)?.[0];
  if (same) return { name: same, added: false };
  let name = manual.name;
  for (let i = 2; providers[name]; i++) name = `${manual.name}-${i}`;
  return { name, added: true };
}

/** The policy a move creates when the workspace has none: one threat model for keys used beside prompts. */
export const NEW_POLICY_HEADER =
  '# Rotation policy, created by Rotation Guard when a secret was moved out of a file.\n' +
  '# Check each secret\'s owner, threat model and maxAge; `rotation-guard check` validates this file.\n';

const NEW_POLICY: Record<string, unknown> = {
  version: 1,
  threatModels: {
    'llm-app': {
      description: 'Keys an application uses beside prompts, tools and model traces',
      exposure: 'internet',
      privilege: 'medium',
      modelInLoop: true,
      dataSensitivity: 'internal',
    },
  },
  stores: {},
  secrets: [],
};
const NEW_POLICY_THREAT_MODEL = 'llm-app';

export function newPolicyText(json: boolean): string {
  return json ? `${JSON.stringify(NEW_POLICY, null, 2)}\n` : NEW_POLICY_HEADER + stringify(NEW_POLICY);
}

/**
 * What the detector's rule id says about the credential (the policy's `kind`), for the quick fix
 * and for Create Policy from Findings alike.
 */
export function kindForRule(ruleId: string): SecretKind {
  const r = ruleId.toLowerCase();
  if (/private-key|pem|ssh-key/.test(r)) return 'private-key';
  // whole words of the id: `url-credentials`, `postgres-uri`, never the `uri` inside `security`
  if (/connection|(?:^|[-/])(?:uri|url|dsn)(?:[-/]|$)/.test(r)) return 'connection-string';
  if (/password|passwd|pwd/.test(r)) return 'password';
  if (/token|jwt|pat\b|-pat-/.test(r)) return 'token';
  return 'api-key';
}

/** A policy id from an env var name: OPENAI_API_KEY → openai-api-key (unique within the policy). */
export function secretIdFor(envVar: string, taken: Set<string>): string {
  const base = envVar.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'secret';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

export interface SecretAddition {
  /** The store the value goes to, as the policy should name it (type and its fields). */
  store: StoreRef;
  /** Preferred name of that store when the policy has no equal one. */
  storeName: string;
  envVar: string;
  ruleId: string;
  /** The file the value was in, absolute. */
  file: string;
}

export interface PolicyChange {
  text: string;
  secretId: string;
  storeName: string;
  addedSecret: boolean;
  addedStore: boolean;
}

function sameStore(a: StoreRef, b: StoreRef): boolean {
  const fields = (r: StoreRef) => JSON.stringify(Object.entries(r).filter(([k]) => k !== 'description').sort());
  return fields(a) === fields(b);
}

/** Plans the change against the parsed policy, then writes it into the text. */
export function addSecretToPolicy(policyText: string, policyPath: string, policy: Policy, add: SecretAddition, isNew: boolean): PolicyChange {
  const policyDir = policyPath.replace(/[\\/][^\\/]*$/, '');
  const relFile = relative(policyDir, add.file).split(/[\\/]/).join('/');
  // Reuse a store the policy already defines with the same fields; else add one under a free name.
  let storeName = Object.entries(policy.stores).find(([, ref]) => sameStore(ref as StoreRef, add.store))?.[0];
  const addedStore = !storeName;
  if (!storeName) {
    storeName = add.storeName;
    for (let i = 2; policy.stores[storeName]; i++) storeName = `${add.storeName}-${i}`;
  }
  const existing = policy.secrets.findIndex((s) => envVarsOf(policy, s).includes(add.envVar));
  const secret: PolicySecret | undefined = existing >= 0 ? policy.secrets[existing] : undefined;
  const secretId = secret?.id ?? secretIdFor(add.envVar, new Set(policy.secrets.map((s) => s.id)));
  const fileCovered = !isAbsolute(relFile) && !relFile.startsWith('..') && (secret?.references?.files ?? []).some((g) => picomatch.isMatch(relFile, g, { dot: true }));
  const filesRef = relFile.startsWith('..') ? [] : [relFile];

  const updates: Array<{ path: Array<string | number>; value: unknown }> = [];
  if (addedStore) updates.push({ path: ['stores', storeName], value: add.store });
  let rotation: { provider: string } | undefined;
  const manual = secret ? undefined : manualProviderFor(add.ruleId);
  if (manual) {
    const { name, added } = placeManualProvider((policy.providers ?? {}) as Record<string, { type: string; url?: unknown }>, manual);
    if (added) updates.push({ path: ['providers', name], value: manual.spec });
    rotation = { provider: name };
  }
  if (!secret) {
    updates.push({
      path: ['secrets', policy.secrets.length],
      value: {
        id: secretId,
        description: `Moved out of ${relFile} by Rotation Guard (${add.ruleId})`,
        kind: kindForRule(add.ruleId),
        owner: 'machine',
        ...(isNew ? { threatModel: NEW_POLICY_THREAT_MODEL } : {}),
        maxAge: '30d',
        stores: [storeName],
        ...(rotation ? { rotation } : {}),
        triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }],
        references: { env: [add.envVar], ...(filesRef.length ? { files: filesRef } : {}) },
      },
    });
  } else {
    if (!secret.stores.includes(storeName)) updates.push({ path: ['secrets', existing, 'stores'], value: [...secret.stores, storeName] });
    if (!fileCovered && filesRef.length) updates.push({ path: ['secrets', existing, 'references', 'files'], value: [...(secret.references?.files ?? []), ...filesRef] });
    if (!(secret.triggers ?? []).some((t) => t.on === 'exposed-in-file')) updates.push({ path: ['secrets', existing, 'triggers'], value: [...(secret.triggers ?? []), { on: 'exposed-in-file', action: 'rotate-now' }] });
  }
  const text = isJsonPath(policyPath) ? applyJson(policyText, updates) : applyYaml(policyText, updates);
  return { text, secretId, storeName, addedSecret: !secret, addedStore };
}

function applyJson(text: string, updates: Array<{ path: Array<string | number>; value: unknown }>): string {
  const obj = JSON.parse(text) as Record<string, unknown>;
  for (const u of updates) {
    let node = obj as Record<string | number, unknown>;
    for (const key of u.path.slice(0, -1)) node = (node[key] ??= {}) as Record<string | number, unknown>;
    node[u.path[u.path.length - 1]!] = u.value;
  }
  return `${JSON.stringify(obj, null, 2)}\n`;
}

function applyYaml(text: string, updates: Array<{ path: Array<string | number>; value: unknown }>): string {
  const doc = parseDocument(text);
  for (const u of updates) {
    const last = u.path[u.path.length - 1]!;
    const parent = u.path.slice(0, -1);
    const node = doc.getIn(parent, true);
    if (isMap(node) || isSeq(node)) node.flow = false; // `stores: {}` grows into block style
    if (isSeq(node) && typeof last === 'number' && last >= node.items.length) node.add(doc.createNode(u.value));
    else doc.setIn(u.path, doc.createNode(u.value));
  }
  return doc.toString();
}

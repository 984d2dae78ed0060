/**
 * The names a policy defines and uses, with their ranges: threat models, stores, providers and
 * secret ids. Editors build their outline, go-to-definition, find-references and rename on it.
 */
import { parsePolicySource, type PathSegment, type PolicySource } from '../parse/source';
import type { Range } from '../check/codes';

export type NameSection = 'threatModels' | 'stores' | 'providers' | 'secrets';

export interface NameSite {
  section: NameSection;
  name: string;
  /** Range of the name itself (a key for a definition, a value for a use, the `id` value of a secret). */
  range: Range;
  role: 'definition' | 'usage';
}

export interface PolicySymbol {
  name: string;
  section: NameSection | 'section';
  detail?: string;
  /** The whole entry, and the name within it. */
  range: Range;
  selectionRange: Range;
  children: PolicySymbol[];
}

const SECTIONS = ['threatModels', 'stores', 'providers'] as const;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function union(a: Range, b: Range): Range {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return { start: before(a.start, b.start) ? a.start : b.start, end: before(a.end, b.end) ? b.end : a.end };
}

function entryRange(src: PolicySource, path: PathSegment[]): Range {
  return union(src.keyRange(path), src.valueRange(path));
}

function secretsOf(value: unknown): unknown[] {
  return isObj(value) && Array.isArray(value.secrets) ? value.secrets : [];
}

/** Every definition and use of a name in the policy text. */
export function policyNameSites(text: string, path: string): NameSite[] {
  const src = parsePolicySource(text, path);
  const out: NameSite[] = [];
  const root = src.value;
  if (!isObj(root)) return out;
  for (const section of SECTIONS) {
    const defs = root[section];
    if (isObj(defs)) for (const name of Object.keys(defs)) out.push({ section, name, range: src.keyRange([section, name]), role: 'definition' });
  }
  secretsOf(root).forEach((s, i) => {
    if (!isObj(s)) return;
    if (typeof s.id === 'string') out.push({ section: 'secrets', name: s.id, range: src.valueRange(['secrets', i, 'id']), role: 'definition' });
    if (typeof s.threatModel === 'string') out.push({ section: 'threatModels', name: s.threatModel, range: src.valueRange(['secrets', i, 'threatModel']), role: 'usage' });
    if (Array.isArray(s.stores)) s.stores.forEach((n, j) => typeof n === 'string' && out.push({ section: 'stores', name: n, range: src.valueRange(['secrets', i, 'stores', j]), role: 'usage' }));
    if (isObj(s.rotation) && typeof s.rotation.provider === 'string') out.push({ section: 'providers', name: s.rotation.provider, range: src.valueRange(['secrets', i, 'rotation', 'provider']), role: 'usage' });
  });
  return out;
}

const contains = (r: Range, line: number, character: number) =>
  (line > r.start.line || (line === r.start.line && character >= r.start.character)) && (line < r.end.line || (line === r.end.line && character <= r.end.character));

/** The name site under a position, if any. */
export function nameSiteAt(sites: NameSite[], line: number, character: number): NameSite | undefined {
  return sites.find((s) => contains(s.range, line, character));
}

/** The outline: one node per section, one child per threat model, store, provider and secret. */
export function policySymbols(text: string, path: string): PolicySymbol[] {
  const src = parsePolicySource(text, path);
  const root = src.value;
  if (!isObj(root)) return [];
  const out: PolicySymbol[] = [];
  for (const section of SECTIONS) {
    const defs = root[section];
    if (!isObj(defs)) continue;
    const children = Object.entries(defs).map(([name, v]) => ({
      name,
      section,
      ...(isObj(v) && typeof v.type === 'string' ? { detail: v.type } : isObj(v) && typeof v.exposure === 'string' ? { detail: `exposure ${v.exposure}` } : {}),
      range: entryRange(src, [section, name]),
      selectionRange: src.keyRange([section, name]),
      children: [],
    }));
    out.push({ name: section, section: 'section', range: entryRange(src, [section]), selectionRange: src.keyRange([section]), children });
  }
  const secrets = secretsOf(root);
  if (secrets.length) {
    const children = secrets.flatMap((s, i): PolicySymbol[] => {
      if (!isObj(s) || typeof s.id !== 'string') return [];
      const sel = src.valueRange(['secrets', i, 'id']);
      return [{ name: s.id, section: 'secrets', ...(typeof s.kind === 'string' ? { detail: s.kind } : {}), range: union(entryRange(src, ['secrets', i]), sel), selectionRange: sel, children: [] }];
    });
    out.push({ name: 'secrets', section: 'section', range: entryRange(src, ['secrets']), selectionRange: src.keyRange(['secrets']), children });
  }
  return out;
}

/**
 * Reads the zod model itself for editor help: which keys are allowed under a path, which values
 * a field takes, and the `.describe()` text and examples of each field. Keeping hovers and
 * completion on the model means they can never drift from validation.
 */
import { z } from 'zod';
import { policySchema } from '../model/schema';
import type { PathSegment } from '../parse/source';

type Schema = z.ZodType;
interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: Schema;
}
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

export interface FieldDoc {
  description?: string;
  examples?: unknown[];
}

/** Description and examples from the outermost wrapper that has them. */
export function fieldDoc(s: Schema): FieldDoc {
  let cur: Schema | undefined = s;
  const out: FieldDoc = {};
  for (let i = 0; cur && i < 8; i++) {
    const meta = z.globalRegistry.get(cur) as FieldDoc | undefined;
    out.description ??= meta?.description;
    out.examples ??= meta?.examples;
    const d = defOf(cur);
    cur = d.innerType ?? d.in;
  }
  return out;
}

/** Strips optional/default/nullable/pipe wrappers. */
export function unwrap(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 8; i++) {
    const d = defOf(cur);
    const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
    if (!next) break;
    cur = next;
  }
  return cur;
}

/** The discriminator value of the object at a path, when the caller can see it in the text. */
export type DiscriminatorAt = (path: readonly PathSegment[], discriminator: string) => string | undefined;

function pickOption(s: Schema, path: readonly PathSegment[], disc: DiscriminatorAt, wantKey?: string): Schema | undefined {
  const d = defOf(s);
  if (d.type !== 'union' || !d.options) return s;
  if (d.discriminator) {
    const value = disc(path, d.discriminator);
    const byValue = d.options.find((o) => discriminatorValues(o, d.discriminator!).includes(value ?? '\0'));
    if (byValue) return byValue;
  }
  // Unknown variant: any option that has the key, so hovers still work while typing.
  if (wantKey) return d.options.find((o) => objectShape(o)?.[wantKey] !== undefined);
  return undefined;
}

function discriminatorValues(option: Schema, key: string): string[] {
  const field = objectShape(option)?.[key];
  return field ? (defOf(unwrap(field)).values ?? []).map(String) : [];
}

function objectShape(s: Schema): Record<string, Schema> | undefined {
  const d = defOf(unwrap(s));
  return d.type === 'object' ? d.shape : undefined;
}

/** The schema of the value at `path`, or undefined when the path leaves the model. */
export function schemaAt(path: readonly PathSegment[], disc: DiscriminatorAt, root: Schema = policySchema): Schema | undefined {
  let cur: Schema | undefined = root;
  for (let i = 0; i < path.length && cur; i++) {
    const seg = path[i]!;
    const s = pickOption(unwrap(cur), path.slice(0, i), disc, String(seg));
    if (!s) return undefined;
    const d = defOf(unwrap(s));
    if (d.type === 'object') cur = d.shape?.[String(seg)];
    else if (d.type === 'record') cur = d.valueType;
    else if (d.type === 'array') cur = d.element;
    else return undefined;
  }
  return cur;
}

export interface KeyInfo {
  key: string;
  schema: Schema;
  required: boolean;
}

/** Keys allowed in the object at `path` (all variants' keys while its `type` is unknown). */
export function keysAt(path: readonly PathSegment[], disc: DiscriminatorAt): KeyInfo[] {
  const at = schemaAt(path, disc);
  if (!at) return [];
  const u = unwrap(at);
  const d = defOf(u);
  const options = d.type === 'union' && d.options ? [pickOption(u, path, disc)].filter((o): o is Schema => !!o) : [u];
  const chosen = options.length ? options : (d.options ?? []);
  const out = new Map<string, KeyInfo>();
  for (const o of chosen) {
    for (const [key, schema] of Object.entries(objectShape(o) ?? {})) {
      if (!out.has(key)) out.set(key, { key, schema, required: !isOptional(schema) });
    }
  }
  return [...out.values()];
}

/** Whether values of this schema are mappings (objects, records or variants of objects). */
export function isObjectSchema(s: Schema | undefined): boolean {
  if (!s) return false;
  const d = defOf(unwrap(s));
  if (d.type === 'union') return (d.options ?? []).length > 0 && (d.options ?? []).every((o) => isObjectSchema(o));
  return d.type === 'object' || d.type === 'record';
}

/** Whether values of this schema are lists. */
export function isArraySchema(s: Schema | undefined): boolean {
  return !!s && defOf(unwrap(s)).type === 'array';
}

function isOptional(s: Schema): boolean {
  const t = defOf(s).type;
  return t === 'optional' || t === 'default';
}

/** Values a field takes: enum members, literals, booleans, or every variant of a discriminator. */
export function valuesAt(path: readonly PathSegment[], disc: DiscriminatorAt): string[] {
  const last = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  const parent = schemaAt(parentPath, disc);
  if (parent && typeof last === 'string') {
    const d = defOf(unwrap(parent));
    if (d.type === 'union' && d.discriminator === last) return (d.options ?? []).flatMap((o) => discriminatorValues(o, last));
  }
  const s = schemaAt(path, disc);
  return s ? literalValues(unwrap(s)) : [];
}

function literalValues(s: Schema): string[] {
  const d = defOf(s);
  switch (d.type) {
    case 'enum':
      return Object.values(d.entries ?? {}).map(String);
    case 'literal':
      return (d.values ?? []).map(String);
    case 'boolean':
      return ['true', 'false'];
    case 'array':
      return d.element ? literalValues(unwrap(d.element)) : [];
    case 'union':
      return (d.options ?? []).flatMap((o) => literalValues(unwrap(o)));
    default:
      return [];
  }
}

/** A one-line type summary for hovers and completion details. */
export function typeSummary(s: Schema): string {
  const u = unwrap(s);
  const d = defOf(u);
  switch (d.type) {
    case 'enum':
    case 'literal':
      return literalValues(u).map((v) => `\`${v}\``).join(' | ');
    case 'array':
      return d.element ? `list of ${typeSummary(d.element)}` : 'list';
    case 'record':
      return 'map of named entries';
    case 'union':
      return d.discriminator ? `object (by \`${d.discriminator}\`: ${(d.options ?? []).flatMap((o) => discriminatorValues(o, d.discriminator!)).join(', ')})` : 'value';
    default:
      return d.type;
  }
}

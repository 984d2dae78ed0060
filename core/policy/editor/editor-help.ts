/**
 * Hover text and completion items for policy files, read from the zod model's descriptions
 * (via schema-walk) at the cursor's key path (via cursor-context).
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { cursorContext } from './cursor-context';
import { formatDuration } from '../model/duration';
import { threatModelBound } from '../state/intervals';
import { threatModelSchema } from '../model/schema';
import { fieldDoc, isArraySchema, isObjectSchema, keysAt, schemaAt, typeSummary, valuesAt } from './schema-walk';
import { isJsonPath, LIMITS, type PathSegment } from '../parse/source';

export interface PolicyCompletion {
  label: string;
  kind: 'property' | 'value';
  detail?: string;
  documentation?: string;
  insertText?: string;
}

/** Markdown for the field under the cursor, or null outside any known field. */
export function policyHover(text: string, path: string, offset: number): string | null {
  if (text.length > LIMITS.maxBytes) return null;
  const ctx = cursorContext(text, path, offset);
  if (!ctx) return null;
  const fieldPath = ctx.position === 'key' ? (ctx.key !== undefined ? [...ctx.path, ctx.key] : undefined) : ctx.path;
  if (!fieldPath || fieldPath.length === 0) return null;
  const schema = schemaAt(fieldPath, ctx.disc);
  if (!schema) return null;
  const doc = fieldDoc(schema);
  const name = [...fieldPath].reverse().find((s): s is string => typeof s === 'string') ?? '';
  const parts = [`**${name}** — ${typeSummary(schema)}`];
  if (doc.description) parts.push(doc.description);
  if (doc.examples?.length) parts.push(`Examples: ${doc.examples.map((e) => `\`${JSON.stringify(e)}\``).join(', ')}`);
  if (ctx.position === 'value' && name === 'threatModel') {
    const bound = threatModelBoundAt(text, path, offset);
    if (bound) parts.push(bound);
  }
  return parts.join('\n\n');
}

/** For `threatModel: NAME`: the bound that threat model puts on the interval, and why. */
function threatModelBoundAt(text: string, path: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const m = /threatModel"?\s*:\s*"?([A-Za-z0-9._-]+)/.exec(text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd));
  if (!m) return undefined;
  const all = lenientParse(text, path) as { threatModels?: Record<string, unknown> } | undefined;
  const parsed = threatModelSchema.safeParse(all?.threatModels?.[m[1]!]);
  if (!parsed.success) return undefined;
  const bound = threatModelBound(parsed.data);
  return `Threat model \`${m[1]}\` allows at most **${formatDuration(bound.ms)}** (${bound.reason}).`;
}

/** Keys allowed at the cursor (minus those present), or values allowed for the field at the cursor. */
export function policyCompletions(text: string, path: string, offset: number): PolicyCompletion[] {
  if (text.length > LIMITS.maxBytes) return [];
  const ctx = cursorContext(text, path, offset);
  if (!ctx) return [];
  const json = isJsonPath(path);
  if (ctx.position === 'key') {
    const present = new Set(ctx.existingKeys);
    return keysAt(ctx.path, ctx.disc)
      .filter((k) => !present.has(k.key) && k.key !== '$schema')
      .map((k) => {
        const doc = fieldDoc(k.schema);
        return {
          label: k.key,
          kind: 'property' as const,
          detail: `${k.required ? 'required · ' : ''}${typeSummary(k.schema)}`,
          ...(doc.description ? { documentation: doc.description } : {}),
          ...(json ? {} : { insertText: yamlKeyInsert(k.key, k.schema) }),
        };
      });
  }
  const values = new Set(valuesAt(ctx.path, ctx.disc));
  for (const name of definedNamesFor(text, path, ctx.path)) values.add(name);
  const doc = schemaAt(ctx.path, ctx.disc);
  const detail = doc ? typeSummary(doc) : undefined;
  return [...values].map((v) => ({ label: v, kind: 'value' as const, ...(detail ? { detail } : {}) }));
}

/** `key: ` for scalars; a block opened on the next line for mappings and lists (editors keep the indentation). */
function yamlKeyInsert(key: string, schema: Parameters<typeof isObjectSchema>[0]): string {
  if (isArraySchema(schema)) return `${key}:\n  - `;
  if (isObjectSchema(schema)) return `${key}:\n  `;
  return `${key}: `;
}

/** Names defined elsewhere in the policy that the field at `fieldPath` refers to. */
function definedNamesFor(text: string, filePath: string, fieldPath: readonly PathSegment[]): string[] {
  const strKeys = fieldPath.filter((s): s is string => typeof s === 'string');
  const last = strKeys[strKeys.length - 1];
  const inSecret = fieldPath[0] === 'secrets';
  const table =
    inSecret && last === 'threatModel' ? 'threatModels'
    : inSecret && last === 'stores' ? 'stores'
    : inSecret && last === 'provider' ? 'providers'
    : last === 'adminConnection' ? 'secrets'
    : undefined;
  if (!table) return [];
  const value = lenientParse(text, filePath);
  if (!value || typeof value !== 'object') return [];
  const section = (value as Record<string, unknown>)[table];
  if (table === 'secrets') return Array.isArray(section) ? section.map((s) => (s as { id?: unknown })?.id).filter((x): x is string => typeof x === 'string') : [];
  return section && typeof section === 'object' ? Object.keys(section) : [];
}

function lenientParse(text: string, filePath: string): unknown {
  try {
    if (isJsonPath(filePath)) return parseJsonc(text, [], { allowTrailingComma: true });
    return parseDocument(text, { uniqueKeys: false, logLevel: 'silent' }).toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch {
    return undefined;
  }
}

/**
 * The JSON Schema editors use for `rotation-policy.*` files, generated from the zod model
 * (`schemas/rotation-policy.schema.json` is this function's output; a unit test keeps them equal).
 */
import { z } from 'zod';
import { policySchema } from './schema';

export function policyJsonSchema(): Record<string, unknown> {
  // draft-07: the dialect VS Code's JSON service and the YAML extension both understand fully.
  const schema = z.toJSONSchema(policySchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  addMarkdownDescriptions(schema);
  // No $id: the schema ships with the extension and is referenced by path, not by a URL we would have to host.
  return { ...schema, title: 'Rotation Guard policy' };
}

/** VS Code renders `markdownDescription` (backticks, emphasis) where plain `description` shows raw text. */
function addMarkdownDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addMarkdownDescriptions);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.description === 'string' && obj.markdownDescription === undefined) obj.markdownDescription = obj.description;
  for (const [k, v] of Object.entries(obj)) if (k !== 'examples' && k !== 'default' && k !== 'const' && k !== 'enum') addMarkdownDescriptions(v);
}

export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}

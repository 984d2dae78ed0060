/**
 * THE list of rotation providers. The policy schema's `providers` union, the login verification
 * types, `check`'s required fields and grace rule, `run`'s admin-secret exclusion, the docs table
 * and the editor's completion are all built from it; `registry.ts` binds each type to its driver
 * (a type listed here without a driver does not compile).
 *
 * Add a provider: a folder `<name>/` with `definition.ts` and `provider.ts`, one line here, one
 * line in registry.ts (CONTRIBUTING.md, "Add a rotation provider"). The order is the order of the
 * generated JSON Schema's `anyOf`.
 */
import type { z } from 'zod';
import { definition as generate } from './generate/definition';
import { definition as postgres } from './postgres/definition';
import { definition as mariadb } from './mariadb/definition';
import { definition as redis } from './redis/definition';
import { definition as command } from './command/definition';
import { definition as http } from './http/definition';
import { definition as manual } from './manual/definition';
import { definition as openai } from './openai/definition';
import { definition as openrouter } from './openrouter/definition';
import { definition as anthropic } from './anthropic/definition';
import { definition as azureOpenai } from './azure-openai/definition';
import { definition as awsIam } from './aws-iam/definition';
import { definition as awsBedrock } from './aws-bedrock/definition';
import { definition as gemini } from './gemini/definition';
import type { ProviderDefinition, Strategy } from './definition';

export const PROVIDER_DEFINITIONS = [generate, postgres, mariadb, redis, command, http, manual, openai, openrouter, anthropic, azureOpenai, awsIam, awsBedrock, gemini] as const;

type Defs = typeof PROVIDER_DEFINITIONS;
export type ProviderType = Defs[number]['type'];

type SchemasOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends { schema: infer S } ? S : never };
type VerificationsOf<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R] ? (H extends { verification: infer V extends z.ZodType } ? [V, ...VerificationsOf<R>] : VerificationsOf<R>) : [];

/** The members of the policy's `providers` union, in list order. */
export const providerSchemas = PROVIDER_DEFINITIONS.map((d) => d.schema) as unknown as SchemasOf<Defs>;
/** Login verification types that providers bring (postgres, mariadb, redis), in list order. */
export const providerVerificationSchemas = PROVIDER_DEFINITIONS.flatMap((d) => ((d as ProviderDefinition).verification ? [(d as ProviderDefinition).verification!] : [])) as unknown as VerificationsOf<Defs>;

const byType = new Map<string, ProviderDefinition>(PROVIDER_DEFINITIONS.map((d) => [d.type, d as ProviderDefinition]));

export function providerDefinition(type: string): ProviderDefinition | undefined {
  return byType.get(type);
}

/** Fields a provider needs once the shared definition and a secret's params are merged. */
export function requiredProviderParams(type: string, strategy: Strategy): string[] {
  return byType.get(type)?.requiredParams(strategy) ?? [];
}

/** The old value stays valid after `apply` (see ProviderTraits). Unknown types keep it (nothing is applied). */
export function keepsOldValueThroughGrace(type: string, strategy: Strategy): boolean {
  return byType.get(type)?.traits.keepsOldValueThroughGrace(strategy) ?? true;
}

/** Fields of any provider that name a secret holding an admin credential. */
export const ADMIN_SECRET_FIELDS: readonly string[] = [...new Set(PROVIDER_DEFINITIONS.flatMap((d) => d.adminSecretFields))];

/** The verification a secret gets when the policy names none (its provider's preset), if any. */
export function defaultVerificationFor(type: string | undefined): { type: string; [k: string]: unknown } | undefined {
  return type ? byType.get(type)?.defaultVerification : undefined;
}

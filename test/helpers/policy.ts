import { stringify } from 'yaml';
import type { z } from 'zod';
import type { policySchema } from '../../core/policy/schema';

/**
 * A policy as a test writes it: the zod schema's input type, so a misspelt field, a wrong enum
 * value or a missing required field fails to compile instead of testing the parser's error path
 * by accident. Tests whose point is the exact YAML text (positions, malformed input) keep text.
 */
export type PolicyDoc = z.input<typeof policySchema>;
export type SecretDoc = PolicyDoc['secrets'][number];
export type StoreDoc = PolicyDoc['stores'][string];
export type ProviderDoc = NonNullable<PolicyDoc['providers']>[string];

/** Renders a policy as the YAML a user would write (block style, one field a line). */
export function policyYaml(policy: PolicyDoc): string {
  return stringify(policy, { lineWidth: 0 });
}

/** A machine-owned secret rotated every 30 days: the fields most tests leave alone, then `fields`. */
export function machineSecret(id: string, fields: Omit<SecretDoc, 'id' | 'owner' | 'kind'> & Partial<Pick<SecretDoc, 'owner' | 'kind'>>): SecretDoc {
  return { id, kind: 'api-key', owner: 'machine', maxAge: '30d', ...fields };
}

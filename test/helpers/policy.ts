import { stringify } from 'yaml';
import type { z } from 'zod';
import type { policySchema } from '../../core/policy/model/schema';
import type { verification as awsBedrock } from '../../core/rotation/providers/aws-bedrock/definition';
import type { verification as awsIam } from '../../core/rotation/providers/aws-iam/definition';
import type { verification as mariadb } from '../../core/rotation/providers/mariadb/definition';
import type { verification as postgres } from '../../core/rotation/providers/postgres/definition';
import type { verification as redis } from '../../core/rotation/providers/redis/definition';

type SchemaPolicy = z.input<typeof policySchema>;
type SchemaSecret = SchemaPolicy['secrets'][number];

/**
 * The login checks providers bring. `defineProvider` erases their zod types, so the inferred
 * policy type lacks them although the schema accepts them: added back from each provider's schema.
 */
type LoginVerification = z.input<typeof postgres | typeof mariadb | typeof redis | typeof awsIam | typeof awsBedrock>;

/**
 * A policy as a test writes it: the zod schema's input type, so a misspelt field, a wrong enum
 * value or a missing required field fails to compile instead of testing the parser's error path
 * by accident. Tests whose point is the exact YAML text (positions, malformed input) keep text.
 */
export type SecretDoc = Omit<SchemaSecret, 'verification'> & { verification?: SchemaSecret['verification'] | LoginVerification };
export type PolicyDoc = Omit<SchemaPolicy, 'secrets'> & { secrets: SecretDoc[] };
export type ProviderDoc = NonNullable<SchemaPolicy['providers']>[string];
export type StoreDoc = SchemaPolicy['stores'][string];

/** Renders a policy as the YAML a user would write (block style, one field a line). */
export function policyYaml(policy: PolicyDoc): string {
  return stringify(policy, { lineWidth: 0 });
}

/** A machine-owned API key with a 30-day maxAge, the fields most tests leave alone; `fields` override them. */
export function machineSecret(id: string, fields: Omit<SecretDoc, 'id' | 'owner' | 'kind'> & Partial<Pick<SecretDoc, 'owner' | 'kind'>>): SecretDoc {
  return { id, kind: 'api-key', owner: 'machine', maxAge: '30d', ...fields };
}

/**
 * Field builders every part of the policy model shares: the store and verification parts here in
 * core/policy and each rotation provider's own schema (core/rotation/providers/<name>/definition.ts).
 * Every field carries a description and examples: they become hovers, completion docs and the
 * generated JSON Schema.
 */
import { z } from 'zod';
import { DURATION_PATTERN, tryParseDuration } from './duration';

export const duration = (description: string, examples: string[]) =>
  z
    .string()
    .regex(new RegExp(DURATION_PATTERN), { message: 'Not a duration: use e.g. 30d, 12h, 1d12h or ISO-8601 P30D / PT12H' })
    .refine((s) => (tryParseDuration(s) ?? 0) > 0, { message: 'A duration must be longer than zero' })
    .describe(description)
    .meta({ examples });

/** A name another part of the policy refers to (store, provider, threat model, secret id). */
export const identifier = (description: string, examples: string[]) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'Use letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit' })
    .describe(description)
    .meta({ examples });

export const nonEmpty = (description: string, examples: string[]) => z.string().min(1).describe(description).meta({ examples });

export const port = (description: string, examples: number[]) => z.number().int().min(1).max(65535).describe(description).meta({ examples });

export const stepTimeout = () => duration('How long the step may take before it is treated as failed.', ['30s', '2m']);

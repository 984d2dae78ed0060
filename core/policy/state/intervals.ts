/**
 * The numbers the semantic checks compare against, each with the rule it comes from, and the
 * effective rotation interval of a secret (its `maxAge`, or the longest gap of its cron schedule).
 */
import { longestCronGap } from './cron';
import { MS, tryParseDuration } from '../model/duration';
import type { ExportPlatform, PolicySecret, SecretKind, ThreatModel } from '../model/schema';

const EXPOSURE_BASE_DAYS: Record<ThreatModel['exposure'], number> = { internet: 90, partner: 180, internal: 365, local: 730 };
const PRIVILEGE_FACTOR: Record<ThreatModel['privilege'], number> = { low: 1, medium: 1, high: 0.5, admin: 1 / 3 };
const SENSITIVITY_FACTOR: Record<ThreatModel['dataSensitivity'], number> = { public: 1, internal: 1, confidential: 0.75, restricted: 0.5 };

/** The longest interval a threat model allows, and how it was derived (shown in messages). */
export function threatModelBound(tm: ThreatModel): { ms: number; reason: string } {
  if (tm.maxInterval) {
    const ms = tryParseDuration(tm.maxInterval);
    if (ms !== undefined) return { ms, reason: `maxInterval ${tm.maxInterval}` };
  }
  const base = EXPOSURE_BASE_DAYS[tm.exposure];
  const parts = [`${tm.exposure} exposure ${base}d`];
  let days = base;
  const apply = (f: number, why: string) => {
    if (f === 1) return;
    days *= f;
    parts.push(why);
  };
  apply(PRIVILEGE_FACTOR[tm.privilege], `${tm.privilege} privilege ×${PRIVILEGE_FACTOR[tm.privilege] === 0.5 ? '½' : '⅓'}`);
  apply(tm.modelInLoop ? 0.5 : 1, 'model in the loop ×½');
  apply(SENSITIVITY_FACTOR[tm.dataSensitivity], `${tm.dataSensitivity} data ×${SENSITIVITY_FACTOR[tm.dataSensitivity] === 0.5 ? '½' : '¾'}`);
  const whole = Math.max(1, Math.floor(days));
  return { ms: whole * MS.d, reason: `${parts.join(', ')} = ${whole}d` };
}

/**
 * Cryptoperiod ceilings after NIST SP 800-57 Part 1 Rev. 5 §5.3.6: symmetric authentication
 * keys (API keys, tokens, machine passwords) at most 2 years; private signature/authentication
 * keys at most 3 years.
 */
export const CRYPTOPERIOD_DAYS: Record<SecretKind, number> = {
  'api-key': 730,
  token: 730,
  password: 730,
  'connection-string': 730,
  'private-key': 1095,
};

/** Shortest automatic rotation interval each platform accepts. */
export const EXPORT_MIN_MS: Record<ExportPlatform, { ms: number; rule: string }> = {
  aws: { ms: 4 * MS.h, rule: 'AWS Secrets Manager rotates at most every 4 hours' },
  gcp: { ms: 1 * MS.h, rule: 'Google Secret Manager requires rotation_period ≥ 1 hour' },
  azure: { ms: 7 * MS.d, rule: 'Azure Key Vault rotation policies require at least 7 days' },
  vault: { ms: 5 * MS.s, rule: 'Vault static roles require rotation_period ≥ 5 seconds' },
};
/** Longest interval each platform accepts. */
export const EXPORT_MAX_MS: Partial<Record<ExportPlatform, { ms: number; rule: string }>> = {
  aws: { ms: 1000 * MS.d, rule: 'AWS Secrets Manager rotates at least every 1000 days' },
  gcp: { ms: 3_153_600_000 * MS.s, rule: 'Google Secret Manager requires rotation_period ≤ 100 years' },
};

export interface EffectiveInterval {
  ms: number;
  source: 'maxAge' | 'schedule';
}

/** The interval a secret actually rotates at; undefined when it has neither maxAge nor schedule. */
export function effectiveInterval(secret: PolicySecret): EffectiveInterval | undefined {
  if (secret.maxAge) {
    const ms = tryParseDuration(secret.maxAge);
    if (ms !== undefined) return { ms, source: 'maxAge' };
  }
  if (secret.schedule) {
    const ms = longestCronGap(secret.schedule);
    if (ms !== undefined) return { ms, source: 'schedule' };
  }
  return undefined;
}

export { longestCronGap, nextCronRun } from './cron';

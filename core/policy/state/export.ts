/**
 * A secret's rotation rules in each platform's own shape (AWS RotationRules, Azure Key Vault
 * rotationPolicy, Vault static role, Google Secret Manager rotation), and the limits those
 * platforms put on them. The editor checks the limits for every `exportTo` platform.
 */
import { shown } from '../check/codes';
import { MS, tryParseDuration } from '../model/duration';
import { EXPORT_MAX_MS, EXPORT_MIN_MS, effectiveInterval } from './intervals';
import { mergedProvider } from './resolve';
import type { ExportPlatform, Policy, PolicySecret } from '../model/schema';

export const EXPORT_PLATFORMS: readonly ExportPlatform[] = ['aws', 'azure', 'vault', 'gcp'];
const AZURE_MIN_EXPIRY_MS = 28 * MS.d;

/** Why this secret's rules cannot be expressed on `platform`; empty when they can. */
export function exportLimitViolations(secret: PolicySecret, platform: ExportPlatform): string[] {
  const out: string[] = [];
  const interval = effectiveInterval(secret);
  if (!interval) return [`'${shown(secret.id)}' has no maxAge or schedule to export`];
  const min = EXPORT_MIN_MS[platform];
  if (interval.ms < min.ms) out.push(`${min.rule}; '${shown(secret.id)}' rotates every ${human(interval.ms)}`);
  const max = EXPORT_MAX_MS[platform];
  if (max && interval.ms > max.ms) out.push(`${max.rule}; '${shown(secret.id)}' rotates every ${human(interval.ms)}`);
  if (interval.source === 'schedule') {
    if (platform === 'azure' || platform === 'gcp') out.push(`${platform === 'azure' ? 'Azure Key Vault' : 'Google Secret Manager'} has no cron schedules; use maxAge`);
    if (platform === 'aws' && secret.schedule && awsCron(secret.schedule) === undefined) out.push('AWS cron expressions cannot restrict both day-of-month and day-of-week');
  } else if (platform === 'azure' && interval.ms % MS.d !== 0) {
    out.push('Azure Key Vault lifetime actions count whole days');
  } else if (platform === 'aws' && interval.ms % MS.h !== 0) {
    out.push('AWS Secrets Manager rotation rules count whole hours or days');
  }
  const expiry = secret.expiresAfter ? tryParseDuration(secret.expiresAfter) : undefined;
  if (platform === 'azure' && expiry !== undefined && expiry < AZURE_MIN_EXPIRY_MS) out.push('Azure Key Vault expiryTime must be at least 28 days (expiresAfter)');
  const window = secret.rotationWindow ? tryParseDuration(secret.rotationWindow) : undefined;
  if (window !== undefined) {
    if (platform === 'aws' && (window < MS.h || window > 24 * MS.h || window % MS.h !== 0)) out.push('AWS rotation Duration must be whole hours from 1h to 24h');
    if (platform === 'aws' && window >= interval.ms) out.push('AWS rotation windows must not extend into the next rotation window');
    if (platform === 'vault' && window < MS.h) out.push('Vault rotation_window must be at least 1 hour');
  }
  return out;
}

export class ExportError extends Error {}

/** The platform's JSON for this secret; throws ExportError listing every limit it breaks. */
export function exportRotation(policy: Policy, secret: PolicySecret, platform: ExportPlatform, nextDue: Date): Record<string, unknown> {
  const problems = exportLimitViolations(secret, platform);
  if (problems.length) throw new ExportError(`cannot export '${shown(secret.id)}' to ${platform}: ${problems.join('; ')}`);
  const interval = effectiveInterval(secret)!;
  const window = secret.rotationWindow ? tryParseDuration(secret.rotationWindow) : undefined;
  switch (platform) {
    case 'aws': {
      const rules: Record<string, unknown> = {};
      if (interval.source === 'schedule') rules.ScheduleExpression = `cron(${awsCron(secret.schedule!)})`;
      else if (interval.ms % MS.d === 0) rules.AutomaticallyAfterDays = interval.ms / MS.d;
      else rules.ScheduleExpression = `rate(${interval.ms / MS.h} hours)`;
      if (window !== undefined) rules.Duration = `${window / MS.h}h`;
      return { RotationRules: rules };
    }
    case 'azure': {
      // Without an explicit expiry: no earlier than the rotation, and never below Azure's 28-day floor.
      const expiry = (secret.expiresAfter ? tryParseDuration(secret.expiresAfter) : undefined) ?? Math.max(interval.ms, AZURE_MIN_EXPIRY_MS);
      const actions: unknown[] = [{ trigger: { timeAfterCreate: isoDays(interval.ms) }, action: { type: 'Rotate' } }];
      const notify = secret.notifyBefore ? tryParseDuration(secret.notifyBefore) : undefined;
      if (notify !== undefined) actions.push({ trigger: { timeBeforeExpiry: isoDays(Math.max(MS.d, notify)) }, action: { type: 'Notify' } });
      return { lifetimeActions: actions, attributes: { expiryTime: isoDays(Math.ceil(expiry / MS.d) * MS.d) } };
    }
    case 'vault': {
      const role: Record<string, unknown> = { name: secret.id };
      const provider = mergedProvider(policy, secret);
      if (provider?.type === 'postgres' && typeof provider.role === 'string') role.username = provider.role;
      if (interval.source === 'schedule') {
        role.rotation_schedule = secret.schedule;
        if (window !== undefined) role.rotation_window = Math.round(window / MS.s);
      } else role.rotation_period = Math.round(interval.ms / MS.s);
      return role;
    }
    case 'gcp':
      return { rotation: { rotationPeriod: `${Math.round(interval.ms / MS.s)}s`, nextRotationTime: nextDue.toISOString() } };
  }
}

function isoDays(ms: number): string {
  return `P${Math.round(ms / MS.d)}D`;
}

function human(ms: number): string {
  if (ms % MS.d === 0) return `${ms / MS.d}d`;
  if (ms % MS.h === 0) return `${ms / MS.h}h`;
  return `${Math.round(ms / MS.m)}m`;
}

/** 5-field cron → AWS 6-field `min hour dom month dow year` (one of dom/dow must be `?`; dow is 1–7 from Sunday). */
export function awsCron(expr: string): string | undefined {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) return undefined;
  let [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  if (dow === '*') dow = '?';
  else if (dom === '*') dom = '?';
  else return undefined;
  if (dow !== '?') dow = dow.replace(/\d+/g, (d) => String((Number(d) % 7) + 1));
  return `${min} ${hour} ${dom} ${month} ${dow} *`;
}

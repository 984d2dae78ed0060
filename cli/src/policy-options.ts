import { resolve } from 'node:path';
import { findPolicyFile } from '../../core/policy';
import { UsageError } from './io';

/** `--now ISO-8601` (reproducible results), or the current time. */
export function parseNowOption(text: string | undefined): Date {
  const now = text ? new Date(text) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError('--now needs an ISO-8601 date, e.g. 2026-11-20T00:00:00Z');
  return now;
}

/** `--policy FILE`, else the nearest policy file from the working directory up. */
export function policyPathOption(cwd: string, option: string | undefined, orElse = 'pass --policy FILE'): string {
  const path = option ? resolve(cwd, option) : findPolicyFile(cwd);
  if (!path) throw new UsageError(`no rotation policy found (rotation-policy.{yaml,yml,json} or *.rotation.{yaml,yml,json} here or above); ${orElse}`);
  return path;
}

/**
 * zod issues → problems at exact source ranges: a wrong value is underlined at the value, an
 * unknown key at the key, a missing key at its parent's key.
 */
import type { z } from 'zod';
import { PolicyCode, type PolicyProblem } from './codes';
import { policySchema, type Policy } from './schema';
import type { PathSegment, PolicySource } from './source';

export function validatePolicy(source: PolicySource): { policy?: Policy; problems: PolicyProblem[] } {
  if (source.value === undefined) return { problems: [] };
  const result = policySchema.safeParse(source.value);
  if (result.success) return { policy: result.data, problems: [] };
  const problems: PolicyProblem[] = [];
  for (const issue of result.error.issues) problems.push(...issueProblems(issue, source));
  return { problems: dedupe(problems) };
}

function issueProblems(issue: z.core.$ZodIssue, source: PolicySource): PolicyProblem[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  const at = (range: PolicyProblem['range'], message: string, data?: Record<string, unknown>): PolicyProblem => ({
    code: PolicyCode.schema,
    severity: 'error',
    message,
    range,
    data: { path: path.join('.'), ...data },
  });
  const where = path.length ? `'${path.join('.')}'` : 'the policy';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => at(source.keyRange([...path, k]), `Unknown key '${k}' in ${where}.`, { key: k }));
    case 'invalid_type': {
      if (!source.has(path)) {
        const name = String(path[path.length - 1] ?? '');
        return [at(source.keyRange(path.slice(0, -1)), `Missing required key '${name}'${path.length > 1 ? ` in '${path.slice(0, -1).join('.')}'` : ''}.`, { missing: name })];
      }
      return [at(source.valueRange(path), `${where}: expected ${issue.expected}.`)];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return [at(source.valueRange(path), `${where}: expected one of ${allowed}.`, { allowed: issue.values })];
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        // zod reports the discriminator's own path; a missing `type` is underlined at its parent.
        if (!source.has(path)) return [at(source.keyRange(path.slice(0, -1)), `Missing '${disc}': one of ${options.join(', ')}.`, { missing: disc, allowed: options })];
        return [at(source.valueRange(path), `${where}: unknown ${disc}; expected one of ${options.join(', ')}.`, { allowed: options })];
      }
      return [at(source.valueRange(path), `${where}: ${issue.message}`)];
    }
    default:
      return [at(source.valueRange(path), `${where}: ${issue.message}`)];
  }
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.range.start.line}:${p.range.start.character}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

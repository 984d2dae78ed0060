/**
 * zod issues → problems at exact source ranges: a wrong value is underlined at the value, an
 * unknown key at the key, a missing key at its parent's key.
 */
import type { z } from 'zod';
import { PolicyCode, shown, type PolicyProblem } from './codes';
import { policySchema, type Policy } from '../model/schema';
import type { PathSegment, PolicySource } from '../parse/source';

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
  const dotted = (segs: readonly PathSegment[]) => segs.map((p) => shown(String(p))).join('.');
  const at = (range: PolicyProblem['range'], message: string, data?: Record<string, unknown>): PolicyProblem => ({
    code: PolicyCode.schema,
    severity: 'error',
    message,
    range,
    data: { path: dotted(path), ...data },
  });
  const where = path.length ? `'${dotted(path)}'` : 'the policy';
  const last = path[path.length - 1];
  if (issue.code !== 'unrecognized_keys' && typeof last === 'string' && !source.has(path) && source.has(path.slice(0, -1))) {
    const parent = path.slice(0, -1);
    const extra = issue.code === 'invalid_value' ? `: one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : '';
    return [at(source.keyRange(parent), `Missing required key '${last}'${parent.length ? ` in '${dotted(parent)}'` : ''}${extra}.`, { missing: last })];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => at(source.keyRange([...path, k]), `Unknown key '${shown(k)}' in ${where}.`, { key: shown(k) }));
    case 'invalid_type':
      return [at(source.valueRange(path), `${where}: expected ${issue.expected}.`)];
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return [at(source.valueRange(path), `${where}: expected one of ${allowed}.`, { allowed: issue.values })];
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
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
    // Two rules failing on one value (pattern and refinement) say the same thing twice.
    const k = `${p.range.start.line}:${p.range.start.character}:${String(p.data?.path)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

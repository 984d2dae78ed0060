/** One line above each secret: its age and when it is due, from the analysis's state. */
import type { Range } from '../check/codes';
import type { PolicyAnalysis } from '../check/analyze';
import { MS } from '../model/duration';

export interface PolicyCodeLens {
  range: Range;
  title: string;
}

export function policyCodeLenses(analysis: PolicyAnalysis, now: Date): PolicyCodeLens[] {
  return analysis.secrets.map((s) => {
    const parts: string[] = [];
    if (s.lastRotated) parts.push(`rotated ${ago(Date.parse(s.lastRotated), now)}`);
    else parts.push('never rotated');
    if (s.state === 'compromised') parts.push('compromised · rotate now');
    else if (s.dueAt) {
      const dueIn = Date.parse(s.dueAt) - now.getTime();
      parts.push(dueIn < 0 ? `overdue by ${days(-dueIn)}` : `due in ${days(dueIn)}`);
    } else if (s.lastRotated) parts.push('rotates on compromise only');
    return { range: s.range, title: parts.join(' · ') };
  });
}

function days(ms: number): string {
  if (ms < MS.d) {
    const h = Math.floor(ms / MS.h);
    return h === 1 ? '1 hour' : `${h} hours`;
  }
  const d = Math.floor(ms / MS.d);
  return d === 1 ? '1 day' : `${d} days`;
}

function ago(t: number, now: Date): string {
  const ms = now.getTime() - t;
  if (ms < 0) return `in the future (${days(-ms)})`;
  if (ms < MS.h) return 'just now';
  return `${days(ms)} ago`;
}

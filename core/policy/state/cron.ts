/**
 * Cron arithmetic for rotation schedules (5 fields, UTC). cron-parser parses and validates the
 * expression; stepping its iterator costs about a millisecond per occurrence, too slow to run
 * on every keystroke, so occurrences are found here day by day from the parsed field sets.
 */
import { CronExpressionParser } from 'cron-parser';
import { MS } from '../model/duration';

interface Fields {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  domAny: boolean;
  dowAny: boolean;
}

// Eight years: long enough to see the gap of a leap-day schedule (`0 0 29 2 *`).
const HORIZON_DAYS = 8 * 366;

export function parseCronFields(expr: string): Fields | undefined {
  try {
    const f = CronExpressionParser.parse(expr, { tz: 'UTC' }).fields;
    const nums = (vs: readonly unknown[]) => (vs.every((v) => typeof v === 'number') ? (vs as number[]) : undefined);
    const minutes = nums(f.minute.values);
    const hours = nums(f.hour.values);
    const days = nums(f.dayOfMonth.values);
    const months = nums(f.month.values);
    const weekdays = nums(f.dayOfWeek.values);
    // `L`, `W` and `#` forms are not supported by the day-set arithmetic.
    if (!minutes || !hours || !days || !months || !weekdays) return undefined;
    return {
      minutes: [...minutes].sort((a, b) => a - b),
      hours: [...hours].sort((a, b) => a - b),
      days: new Set(days),
      months: new Set(months),
      weekdays: new Set(weekdays.map((d) => d % 7)),
      domAny: f.dayOfMonth.isWildcard,
      dowAny: f.dayOfWeek.isWildcard,
    };
  } catch {
    return undefined;
  }
}

function dayMatches(f: Fields, d: Date): boolean {
  if (!f.months.has(d.getUTCMonth() + 1)) return false;
  const dom = f.days.has(d.getUTCDate());
  const dow = f.weekdays.has(d.getUTCDay());
  // Vixie cron: when both day fields are restricted, either may match.
  if (f.domAny && f.dowAny) return true;
  if (f.domAny) return dow;
  if (f.dowAny) return dom;
  return dom || dow;
}

function timesOfDay(f: Fields): number[] {
  const out: number[] = [];
  for (const h of f.hours) for (const m of f.minutes) out.push(h * MS.h + m * MS.m);
  return out;
}

function startOfUtcDay(t: number): number {
  return Math.floor(t / MS.d) * MS.d;
}

/** The longest gap between consecutive runs over the horizon, or undefined for an invalid or unsupported expression. */
export function longestCronGap(expr: string, from = Date.UTC(2026, 0, 1)): number | undefined {
  const f = parseCronFields(expr);
  if (!f) return undefined;
  const times = timesOfDay(f);
  if (!times.length) return undefined;
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
  let lastRun: number | undefined;
  const day0 = startOfUtcDay(from);
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const day = day0 + i * MS.d;
    if (!dayMatches(f, new Date(day))) continue;
    if (lastRun !== undefined) longest = Math.max(longest, day + times[0]! - lastRun);
    lastRun = day + times[times.length - 1]!;
  }
  return longest || undefined;
}

/** The first run strictly after `after`, within the horizon. */
export function nextCronRun(expr: string, after: Date): Date | undefined {
  const f = parseCronFields(expr);
  if (!f) return undefined;
  const times = timesOfDay(f);
  const t = after.getTime();
  const day0 = startOfUtcDay(t);
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const day = day0 + i * MS.d;
    if (!dayMatches(f, new Date(day))) continue;
    const hit = times.find((x) => day + x > t);
    if (hit !== undefined) return new Date(day + hit);
  }
  return undefined;
}

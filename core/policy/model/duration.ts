/**
 * Durations in policy files: `30d`, `12h`, `1d12h`, `90m`, `2w`, `1y`, or ISO-8601 `P30D`,
 * `PT12H`, `P1DT2H`. Years and months are fixed lengths (365 d / 30 d) on purpose: a rotation
 * interval must not change with the calendar, and every platform we export to counts in days.
 */
export const MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const UNIT_MS: Record<string, number> = { s: MS.s, m: MS.m, h: MS.h, d: MS.d, w: 7 * MS.d, y: 365 * MS.d };

const SHORT = /^(?:\d+[smhdwy])+$/;
const SHORT_PART = /(\d+)([smhdwy])/g;
const ISO = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The same pattern as a regular expression source, for the JSON Schema `pattern`. */
export const DURATION_PATTERN =
  '^(?:(?:\\d+[smhdwy])+|P(?!$)(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?(?:T(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?)$';

/** Milliseconds, or undefined when `s` is not a duration (callers turn that into a problem). */
export function tryParseDuration(s: string): number | undefined {
  const text = s.trim();
  if (text.length > 64) return undefined;
  if (SHORT.test(text)) {
    let total = 0;
    for (const m of text.matchAll(SHORT_PART)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
    return Number.isFinite(total) ? total : undefined;
  }
  const iso = ISO.exec(text.toUpperCase());
  if (!iso) return undefined;
  const [, y, mo, w, d, h, mi, sec] = iso.map((g) => (g === undefined ? 0 : Number(g)));
  const total =
    (y ?? 0) * 365 * MS.d + (mo ?? 0) * 30 * MS.d + (w ?? 0) * 7 * MS.d + (d ?? 0) * MS.d +
    (h ?? 0) * MS.h + (mi ?? 0) * MS.m + (sec ?? 0) * MS.s;
  return Number.isFinite(total) ? total : undefined;
}

/** Milliseconds; throws on anything that is not a duration (the rotation engine uses this for grace periods). */
export function parseDuration(s: string): number {
  const ms = tryParseDuration(s);
  // Echo only short input: a long string handed in by mistake could be a credential.
  if (ms === undefined) throw new Error(`not a duration${s.length <= 12 ? `: '${s}'` : ''} (expected e.g. 30d, 12h, P30D)`);
  return ms;
}

/** Short human form for messages and code lenses: `30d`, `4h`, `1d 6h`. */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const parts: string[] = [];
  const units = [['d', MS.d], ['h', MS.h], ['m', MS.m]] as const;
  // The largest unit and the one right below it: "30d 4h", never "30d 15m".
  const first = units.findIndex(([, size]) => rest >= size);
  if (first >= 0) {
    for (const [unit, size] of units.slice(first, first + 2)) {
      const n = Math.floor(rest / size);
      if (n > 0) parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  if (parts.length === 0) parts.push(`${Math.round(rest / 1000)}s`);
  return (neg ? '-' : '') + parts.join(' ');
}

export function daysOf(ms: number): number {
  return ms / MS.d;
}

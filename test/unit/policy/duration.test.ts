import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MS, formatDuration, parseDuration, tryParseDuration } from '../../../core/policy';
import { longestCronGap, nextCronRun } from '../../../core/policy/state/cron';

describe('durations', () => {
  it('parses short and ISO-8601 forms to milliseconds', () => {
    const cases: Array<[string, number]> = [
      ['30d', 30 * MS.d], ['12h', 12 * MS.h], ['90m', 90 * MS.m], ['45s', 45 * MS.s], ['2w', 14 * MS.d], ['1y', 365 * MS.d],
      ['1d12h', 36 * MS.h], ['P30D', 30 * MS.d], ['PT12H', 12 * MS.h], ['P1DT2H', 26 * MS.h], ['P1W', 7 * MS.d],
      ['P1M', 30 * MS.d], ['P1Y', 365 * MS.d], ['PT90M', 90 * MS.m], ['p7d', 7 * MS.d], [' 7d ', 7 * MS.d],
    ];
    for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
  });

  it('rejects what is not a duration, without echoing long input', () => {
    for (const bad of ['', '30', 'd', '30 d', '-5d', '1.5d', 'P', 'PT', 'P1H', 'P1DT', '30days', 'soon']) assert.equal(tryParseDuration(bad), undefined, bad);
    assert.throws(() => parseDuration('soon'), /not a duration: 'soon'/);
    const long = 'sk-proj-Zx81Qm2Lr7Tb4Kp9Wd3Hs6Ny5Fc1Vg0';
    assert.throws(() => parseDuration(long), (e: Error) => !e.message.includes(long) && /not a duration \(expected/.test(e.message));
  });

  it('formats with the largest unit and the one below it', () => {
    assert.equal(formatDuration(30 * MS.d + 15 * MS.m), '30d');
    assert.equal(formatDuration(30 * MS.d + 4 * MS.h + 15 * MS.m), '30d 4h');
    assert.equal(formatDuration(4 * MS.h + 15 * MS.m), '4h 15m');
    assert.equal(formatDuration(45 * MS.s), '45s');
    assert.equal(formatDuration(-2 * MS.d), '-2d');
  });

  it('formats what it parses (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 23 }), (d, h) => {
        const ms = d * MS.d + h * MS.h;
        const text = formatDuration(ms).replace(' ', '');
        assert.equal(parseDuration(text === '0s' ? '0s' : text), ms);
      }),
    );
  });
});

describe('cron schedules', () => {
  it('finds the longest gap between runs', () => {
    assert.equal(longestCronGap('0 3 * * 1'), 7 * MS.d);
    assert.equal(longestCronGap('0 4 1 * *'), 31 * MS.d);
    assert.equal(longestCronGap('0 0 29 2 *'), 1461 * MS.d);
    // Weekdays 09:00–17:45 every 15 minutes: the weekend gap, Friday 17:45 → Monday 09:00.
    assert.equal(longestCronGap('*/15 9-17 * * 1-5'), 2 * MS.d + 15 * MS.h + 15 * MS.m);
    assert.equal(longestCronGap('not cron'), undefined);
  });

  it('finds the next run after a time (UTC), with either day field matching when both are set', () => {
    assert.equal(nextCronRun('0 3 * * 1', new Date('2026-11-02T03:00:00Z'))?.toISOString(), '2026-11-09T03:00:00.000Z');
    assert.equal(nextCronRun('0 3 * * 1', new Date('2026-11-02T02:59:00Z'))?.toISOString(), '2026-11-02T03:00:00.000Z');
    assert.equal(nextCronRun('0 0 13 * 5', new Date('2026-11-01T00:00:00Z'))?.toISOString(), '2026-11-06T00:00:00.000Z');
  });
});

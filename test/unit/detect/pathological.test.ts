import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';

// Guards against catastrophic backtracking. The bounds are generous on purpose (the machine is
// shared); catastrophic backtracking would take minutes. The real figures are in bench/detect.bench.mjs.
function timed(text: string, path: string): number {
  const t0 = process.hrtime.bigint();
  scanText(text, { path });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const MiB = 1024 * 1024;
const cases: Array<[string, () => string]> = [
  ['one line of key-like characters', () => 'aB3'.repeat(MiB / 3)],
  ['sk- repeated without separators', () => 'sk-'.repeat(MiB / 3)],
  ['nested quotes', () => `${'"\'`'.repeat(MiB / 6)}${'x'.repeat(MiB / 2)}`],
  ['"password=" repeated on one line', () => 'password='.repeat(MiB / 9)],
  ['eyJ segments without end', () => `eyJ${'A'.repeat(20)}.`.repeat(MiB / 24)],
  ['a PEM header followed by a megabyte of base64', () => `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(MiB / 4)}`],
  ['URL-ish colons and at signs', () => 'a://b:c@'.repeat(MiB / 8)],
  ['curl -u repeated', () => `curl ${'-u a:b '.repeat(MiB / 7)}`],
  ['api_key: " repeated', () => 'api_key: "'.repeat(MiB / 10)],
];

describe('pathological inputs (1 MiB each) scan without catastrophic backtracking', () => {
  for (const [name, make] of cases) {
    it(name, function () {
      this.timeout(60000);
      const text = make();
      timed(text, 'warmup.txt');
      const ms = timed(text, 'p.txt');
      assert.ok(ms < 15000, `${name}: ${ms.toFixed(0)} ms`);
    });
  }
});

// The e2e runner records its totals in test-results/e2e-counts.json; read them back here.
import { readFileSync } from 'node:fs';

export const COUNTS_FILE = 'test-results/e2e-counts.json';

export function readE2eCounts(exitStatus) {
  try {
    const c = JSON.parse(readFileSync(COUNTS_FILE, 'utf8'));
    const failed = c.failed + (exitStatus !== 0 && c.failed === 0 ? 1 : 0);
    return { passed: c.passed, failed, pending: c.pending ?? 0, flaky: c.flaky ?? 0 };
  } catch {
    return { passed: 0, failed: 1, pending: 0 };
  }
}

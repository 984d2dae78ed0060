/**
 * Entry point the extension host loads for `extensionTestsPath` (code-server with the smoke-test
 * driver, or @vscode/test-electron). Runs every *.test.js beside it; a rejection means failure.
 * When ROTATION_GUARD_E2E_RESULTS is set, the counts are written there for test/e2e/run.mjs.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      // what failed and why, for the CI log: the spec reporter's output stays in the workbench console
      const failedTests: { title: string; error: string }[] = [];
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0 };
        const results = process.env.ROTATION_GUARD_E2E_RESULTS;
        if (results) writeFileSync(results, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending, failedTests }));
        if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
        else resolve();
      });
      runner.on('fail', (test, err: unknown) => {
        const e = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
        // bounded: an assertion message stays readable, a stack keeps its first frames
        failedTests.push({ title: test.fullTitle(), error: e.split('\n').slice(0, 12).join('\n').slice(0, 2000) });
      });
    } catch (err) {
      reject(err);
    }
  });
}

// Runs the mocha suite of test/e2e/ext-host/suite INSIDE the real extension host of code-server,
// the way VS Code's own browser integration tests do: the workbench URL carries
// extensionDevelopmentPath + extensionTestsPath, and with the smoke-test driver enabled the
// workbench calls window.codeAutomationExit(code) once the suite's run() has settled.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchBrowser, remoteAuthority, workbenchUrl } from './browser.mjs';

/**
 * @returns {{passed:number, failed:number, pending:number, exitCode:number|string, ms:number}}
 * Counts come from the results file the suite writes (ROTATION_GUARD_E2E_RESULTS, passed to the
 * extension host through code-server's environment).
 */
export async function runExtensionHostSuite({ server, profile, extensionPath, testsEntry, folder, resultsFile, logDir, timeoutMs = 180_000, log, beforeClose = () => {} }) {
  const t0 = Date.now();
  const authority = await remoteAuthority(server.url, folder);
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsEntry)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const { context, page } = await launchBrowser(profile);
  try {
    let finish;
    const exited = new Promise((r) => (finish = r));
    // every workbench log line, extension host console included; mocha's reporter output is here
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    // the whole workbench console goes to a file; extension host lines (mocha's report) also to our log
    const consoleLog = path.join(logDir, 'workbench-console.log');
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...args);
      appendFileSync(consoleLog, `[${type}] ${line}\n`);
      if (process.env.E2E_VERBOSE || /\[Extension Host\]/.test(line)) log(`[ext-host ${type}] ${line.replace(/^.*\[Extension Host\]\s*/, '')}`);
    });
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      for (const l of logs ?? []) writeFileSync(path.join(logDir, l.relativePath.replace(/[\\/]/g, '_')), l.contents);
      finish(code);
    });
    await page.goto(workbenchUrl(server.url, folder, payload));
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const exitCode = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    beforeClose();
    let counts = { passed: 0, failed: 1, pending: 0 };
    try {
      counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch {
      log(`ext-host suite wrote no results (exit ${exitCode}); counted as one failure`);
    }
    if (exitCode !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
    if (exitCode !== 0 && !counts.failedTests?.length) {
      // no per-test report: the workbench console's end says what stopped the suite
      const tail = readFileSync(consoleLog, 'utf8').split('\n').slice(-40).join('\n');
      log(`ext-host suite exited ${exitCode}; the workbench console ends with:\n${tail}`);
    }
    return { ...counts, exitCode, ms: Date.now() - t0 };
  } finally {
    await context.close().catch(() => {});
    rmSync(resultsFile, { force: true });
  }
}

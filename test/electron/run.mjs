// `npm run test:electron`: the same in-extension-host suite as the e2e level
// (test/e2e/ext-host/suite), run in a desktop VS Code through @vscode/test-electron.
// That package is not a dependency and downloads VS Code on first use, so on machines without it
// (or without internet) this prints why and exits 2; `npm run test:e2e` covers the same suite
// inside code-server with no download.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SUITE = path.join(ROOT, 'out/test/e2e/ext-host/suite/index.js');

function unavailable(why) {
  console.error(`test:electron unavailable: ${why}`);
  console.error('  install it with `npm install --no-save @vscode/test-electron` on a machine that can download VS Code,');
  console.error('  or run the same suite in code-server with `npm run test:e2e` (see docs/e2e.md).');
  process.exit(2);
}

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch {
  unavailable('@vscode/test-electron is not installed');
}
if (!existsSync(SUITE)) unavailable(`${path.relative(ROOT, SUITE)} is missing; run \`npm run build\` first`);

const workspace = mkdtempSync(path.join(tmpdir(), 'rg-electron-ws-'));
const profile = mkdtempSync(path.join(tmpdir(), 'rg-electron-profile-'));
let code = 1;
try {
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable');
  } catch (err) {
    unavailable(`could not download VS Code (${err instanceof Error ? err.message : String(err)})`);
  }
  code = await testElectron.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: SUITE,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
  }).then(() => 0, (err) => {
    console.error(`test:electron failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  });
} finally {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
process.exit(code);

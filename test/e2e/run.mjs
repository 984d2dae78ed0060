// The editor test level: a real VS Code workbench (code-server) in a real browser (Chromium).
//   1. the mocha suite of test/e2e/ext-host/suite inside code-server's extension host;
//   2. browser journeys with playwright-core against code-server with the PACKAGED vsix installed;
//   3. `npm start` serves the demo and Ctrl-C stops everything it started.
// Writes {passed, failed, pending} to test-results/e2e-counts.json (read by test/run-all.mjs),
// prints "e2e: N passed, N failed", exits non-zero on any failure.
//   node test/e2e/run.mjs [--update-screenshot] [--only ext-host|browser] [--no-retry]
import { execSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, missingPackagesMessage, missingSystemPackages } from '../../scripts/code-server/ensure.mjs';
import { startPrivateKeyring } from '../../scripts/code-server/keyring.mjs';
import { startPrivatePass } from '../../scripts/code-server/pass.mjs';
import { installExtension, makeProfile, profileEnv, startCodeServer, trackDir } from '../../scripts/code-server/launch.mjs';
import { openWorkbench, waitForExtensionActive } from './lib/workbench.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import { prepareDemoWorkspace, startDemoStandIns } from '../../scripts/start-demo.mjs';
import { COUNTS_FILE } from './counts.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { runExtensionHostSuite } from './lib/ext-host.mjs';
import { dashboardJourney, paletteRotateJourney, secretsViewRotateJourney, storeSecretJourney, triggerJourney } from './journeys/demo-rotate.mjs';
import { demoJourney } from './journeys/demo-workspace.mjs';
import { liteLlmKeychainJourney, prepareLiteLlmConfig } from './journeys/litellm-keychain.mjs';
import { llmRotateJourney } from './journeys/llm-rotate.mjs';
import { policyEditingJourney } from './journeys/policy-editing.mjs';
import { postgresRotateJourney, preparePostgresWorkspace } from './journeys/postgres-rotate.mjs';
import { prepareUntrustedWorkspace, untrustedJourney } from './journeys/untrusted.mjs';
import { walkthroughJourney } from './journeys/walkthrough.mjs';
import { npmStartJourney } from './journeys/npm-start.mjs';
import { prepareQuickFixWorkspace, quickFixJourney } from './journeys/quick-fix.mjs';
import { prepareStorePickWorkspace, storeQuickPickJourney } from './journeys/store-quick-pick.mjs';
import { assistantHooksJourney, prepareAssistantHooksWorkspace } from './journeys/assistant-hooks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(ROOT);
const RESULTS = path.join(ROOT, 'test-results');
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
// --journey WORD: run only the browser checks whose name contains WORD (repeatable)
const journeyFilter = argv.flatMap((a, i) => (argv[i - 1] === '--journey' ? [a] : []));
const wanted = (name) => !journeyFilter.length || journeyFilter.some((w) => name.includes(w));
const t0 = Date.now();
const counts = { passed: 0, failed: 0, pending: 0 };
const timings = {};
const log = (m) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

rmSync(COUNTS_FILE, { force: true });
mkdirSync(RESULTS, { recursive: true });

/**
 * Memory of everything we started: code-server groups plus the Chromium processes of our
 * profiles. Proportional set size (PSS) where Linux reports it, so pages the many Chromium and
 * Node processes share are counted once; RSS otherwise (an overestimate).
 */
function ourMemoryMb(pgids, profileRoots) {
  try {
    const rows = execSync('ps -eo pid=,pgid=,rss=,args=', { encoding: 'utf8', maxBuffer: 16 << 20 }).split('\n');
    let kb = 0;
    for (const row of rows) {
      const m = row.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/);
      if (!m || !(pgids.includes(Number(m[2])) || profileRoots.some((r) => m[4].includes(r)))) continue;
      let pss;
      try { pss = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${m[1]}/smaps_rollup`, 'utf8'))?.[1]); } catch { /* gone or not Linux */ }
      kb += Number.isFinite(pss) ? pss : Number(m[3]);
    }
    return Math.round(kb / 1024);
  } catch {
    return -1;
  }
}

let peakMb = 0;
function sampleMemory(label, pgids, roots) {
  const mb = ourMemoryMb(pgids, roots);
  peakMb = Math.max(peakMb, mb);
  log(`memory (${label}): ${mb} MB (PSS) in our code-server + Chromium processes`);
}

/** One counted check: pass/fail, timing, a screenshot of the page on failure. */
async function check(name, page, fn) {
  if (!wanted(name)) return;
  const start = Date.now();
  try {
    await fn();
    counts.passed++;
    timings[name] = Date.now() - start;
    log(`✔ ${name} (${timings[name]} ms)`);
  } catch (err) {
    counts.failed++;
    timings[name] = Date.now() - start;
    log(`✘ ${name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    if (page) {
      const shot = path.join(RESULTS, `e2e-fail-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: shot }).then(() => log(`  screenshot: ${path.relative(ROOT, shot)}`), () => {});
    }
  }
}

/**
 * Other builds may rewrite dist/ and out/ while the suite runs (build.mjs starts by deleting
 * out/), so the extension host loads a private copy. It sits in the git-ignored .cache/ of the
 * clone so that `mocha` and the keychain binding still resolve from the clone's node_modules.
 */
function snapshotExtensionAndSuite() {
  mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
  const dir = trackDir(mkdtempSync(path.join(ROOT, '.cache', 'e2e-ext-host-')));
  const ext = path.join(dir, 'extension');
  mkdirSync(path.join(ext, 'dist'), { recursive: true });
  copyFileSync(path.join(ROOT, 'package.json'), path.join(ext, 'package.json'));
  for (const f of readdirSync(path.join(ROOT, 'dist')).filter((n) => n.endsWith('.js'))) copyFileSync(path.join(ROOT, 'dist', f), path.join(ext, 'dist', f));
  if (existsSync(path.join(ROOT, 'schemas'))) cpSync(path.join(ROOT, 'schemas'), path.join(ext, 'schemas'), { recursive: true });
  const suite = path.join(dir, 'suite');
  cpSync(path.join(ROOT, 'out/test/e2e/ext-host/suite'), suite, { recursive: true });
  return { extensionPath: ext, testsEntry: path.join(suite, 'index') };
}

/**
 * Runs the extension-host suite; a failed run is reported in full (each test's title and error)
 * and run once more in a fresh code-server, profile and keyring. Stop 29's CI run failed six of
 * these tests once where every run before and since passed, without a word of why: the second
 * attempt keeps one such event from throwing away a whole run, the first attempt's failures stay
 * in the log (and are counted as flaky in the level's last line), and a failure that repeats fails.
 */
async function extHostLevel(paths) {
  const first = await extHostAttempt(paths, 1);
  if (first.failed === 0 || argv.includes('--no-retry')) return addCounts(first);
  log(`ext-host suite: attempt 1 failed ${first.failed}; running it once more in a fresh code-server, profile and keyring`);
  const second = await extHostAttempt(paths, 2);
  if (second.failed === 0) counts.flaky = (counts.flaky ?? 0) + first.failed;
  addCounts(second);
}

function addCounts(r) {
  counts.passed += r.passed;
  counts.failed += r.failed;
  counts.pending += r.pending;
}

async function extHostAttempt(paths, attempt) {
  const { extensionPath, testsEntry } = snapshotExtensionAndSuite();
  const profile = makeProfile({ prefix: 'rg-e2e-host-' });
  const folder = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-host-ws-')));
  const resultsFile = path.join(profile.root, 'ext-host-results.json');
  // a real Secret Service for the keychain tests, private to this run (never the user's keyring)
  const keyring = await startPrivateKeyring();
  const server = await startCodeServer({ paths, profile, folder, smokeTestDriver: true, extraEnv: { ROTATION_GUARD_E2E_RESULTS: resultsFile, ...keyring.env } });
  try {
    log(`code-server (ext-host tests) up at ${server.url}, process group ${server.pgid}`);
    const r = await runExtensionHostSuite({
      server,
      profile,
      extensionPath,
      testsEntry,
      folder,
      resultsFile,
      logDir: path.join(RESULTS, 'ext-host-logs'),
      log,
      beforeClose: () => sampleMemory('ext-host suite, browser still open', [server.pgid], [profile.root]),
    });
    timings[attempt === 1 ? 'ext-host suite' : `ext-host suite (attempt ${attempt})`] = r.ms;
    log(`ext-host suite${attempt === 1 ? '' : ` (attempt ${attempt})`}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending (exit ${r.exitCode}, ${r.ms} ms)`);
    for (const f of r.failedTests ?? []) log(`✘ ext-host: ${f.title}\n${f.error.replace(/^/gm, '    ')}`);
    return r;
  } finally {
    await server.stop();
    keyring.stop();
  }
}

/** The journey frames the README shows (the others stay in test-results/). */
const README_SHOTS = new Set(['journey-palette-rotate', 'journey-postgres-rotate', 'journey-dashboard', 'journey-untrusted-refused']);

/** Keeps a journey frame in test-results/ (and the README's in docs/ with --update-screenshot). */
function shooter(page) {
  return async (name) => {
    const shot = path.join(RESULTS, `${name}.png`);
    await page.screenshot({ path: shot });
    if (argv.includes('--update-screenshot') && README_SHOTS.has(name)) copyFileSync(shot, path.join(ROOT, 'docs', `${name}.png`));
  };
}

async function browserLevel(paths, vsix) {
  // the web workbench autosaves after 1 s by default; journeys type into files they must not change
  const profile = makeProfile({ prefix: 'rg-e2e-ui-', settings: { 'rotationGuard.quickFix.store': 'envFile', 'rotationGuard.terminal.injectSecrets': true, 'files.autoSave': 'off' } });
  const installed = installExtension(paths, profile, vsix);
  log(`installed ${path.basename(vsix)}: ${installed.split('\n').pop()}`);
  const qfFolder = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-qf-ws-')));
  const { key } = prepareQuickFixWorkspace(qfFolder);
  const anthropicKey = prepareLiteLlmConfig(qfFolder);
  const pickFolder = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-pick-ws-')));
  const { key: pickKey } = prepareStorePickWorkspace(pickFolder);
  const demoFolder = path.join(trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-demo-'))), 'acme-support-bot');
  // as on a machine with no desktop keyring: npm start's private Secret Service, seeded the same way
  const keyring = await startPrivateKeyring();
  const pass = startPrivatePass();
  await prepareDemoWorkspace(demoFolder, { ...profileEnv(profile), ...keyring.env }, { seedKeychain: true });
  // npm start's LLM stand-ins; their policy is staged aside until journey 14 (the journeys before it see one policy)
  const llmStaged = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-llm-')));
  const standIns = await startDemoStandIns(llmStaged);

  const server = await startCodeServer({ paths, profile, extraEnv: { ...keyring.env, ...pass.env, ...standIns.env } });
  sampleMemory('code-server started, no browser yet', [server.pgid], [profile.root]);
  const { context, page } = await launchBrowser(profile);
  try {
    log(`code-server (browser journeys) up at ${server.url}, process group ${server.pgid}`);
    await check('extension installed from the vsix is listed', null, async () => {
      const list = execSync(`"${paths.nodeBin}" "${paths.entry}" --extensions-dir "${profile.extensions}" --list-extensions --show-versions`, {
        encoding: 'utf8', env: { ...profileEnv(profile), PATH: `${paths.nodeBinDir}:${process.env.PATH}` },
      });
      if (!/^rotation-guard\.rotation-guard@/m.test(list)) throw new Error(`not listed: ${list}`);
    });
    await check('the installed extension loads its native keychain binding on the editor\'s Node', null, async () => {
      const dir = readdirSync(profile.extensions).find((d) => d.startsWith('rotation-guard.rotation-guard-'));
      if (!dir) throw new Error(`no rotation-guard folder in ${profile.extensions}`);
      // resolve from the extension's dist/, as its bundles do at run time
      const probe = `const m = require(require.resolve('@napi-rs/keyring', { paths: [${JSON.stringify(path.join(profile.extensions, dir, 'dist'))}] })); process.stdout.write(typeof m.Entry);`;
      const out = execSync(`"${paths.nodeBin}" -e "$PROBE"`, { encoding: 'utf8', env: { ...process.env, PROBE: probe, NODE_PATH: '' }, cwd: profile.tmp });
      if (out.trim() !== 'function') throw new Error(`@napi-rs/keyring did not load from the vsix (Entry is ${out})`);
    });
    const lap = (m) => log(`  ${m}`);
    // before journey 1, while the prompt still holds its key (a finding to make a policy of)
    await check('journey 9: the Getting Started walkthrough creates a policy from the findings', page, async () => {
      await openWorkbench(page, server.url, qfFolder);
      await walkthroughJourney({ page, folder: qfFolder, lap, shot: shooter(page) });
      // journey 1 is the quick fix without a policy
      rmSync(path.join(qfFolder, 'rotation-policy.yaml'), { force: true });
    });
    await check('journey 1: hardcoded key in a prompt → quick fix moves it to .env.local', page, () =>
      quickFixJourney({ page, server, folder: qfFolder, key, lap }));
    sampleMemory('after journey 1', [server.pgid], [profile.root]);
    await check('journey 11 (a): hardcoded key in a LiteLLM config → quick fix → OS keychain (read back) → os.environ/ANTHROPIC_API_KEY, secret in the policy, exposure in the ledger, Rotate now offered', page, async () => {
      if (journeyFilter.length && !wanted('journey 1:')) await openWorkbench(page, server.url, qfFolder);
      await liteLlmKeychainJourney({ page, folder: qfFolder, key: anthropicKey, keyringEnv: keyring.env, lap, shot: shooter(page) });
    });
    await check('journey 13: Move secret with the store left to ask → a Quick Pick, not a notification (Escape changes nothing) → the env file', page, () =>
      storeQuickPickJourney({ page, server, folder: pickFolder, key: pickKey, lap, shot: shooter(page) }));
    await check('journey 15 (issue 23): palette Install AI Assistant Hooks… → claude-code found here → This project: our hooks in .claude/settings.json, the other tool\'s kept; the installed hook blocks a key and a policy value, whose exposure the Secrets view tooltip shows', page, async () => {
      const folder = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-hooks-ws-')));
      prepareAssistantHooksWorkspace(folder);
      await assistantHooksJourney({ page, server, folder, lap, shot: shooter(page) });
    });
    await check('journey 2: demo workspace opens with the extension active and its problems listed', page, () =>
      demoJourney({
        page, server, folder: demoFolder, lap, shot: shooter(page),
        screenshot: async () => {
          const shot = path.join(RESULTS, 'demo-workbench.png');
          await page.screenshot({ path: shot });
          if (argv.includes('--update-screenshot')) copyFileSync(shot, path.join(ROOT, 'docs', 'screenshot.png'));
        },
      }));
    sampleMemory('after journey 2', [server.pgid], [profile.root]);
    const demo = { page, server, folder: demoFolder, keyringEnv: keyring.env, passEnv: pass.env, lap, shot: shooter(page) };
    await check('journey 3 (b, g): palette Rotate Secret… on a generate secret in keychain + .env → both hold the new value, ledger verifies, a new terminal sees it', page, async () => {
      if (journeyFilter.length) await demoJourney({ ...demo, screenshot: async () => {} });
      await paletteRotateJourney(demo);
    });
    await check('journey 4 (g): status bar → Secrets view → inline Rotate on openai-prod (manual) → keychain and .env', page, () => secretsViewRotateJourney(demo));
    await check('journey 5: rotation dashboard lists the secrets and opens the policy from the keyboard', page, () => dashboardJourney(demo));
    await check('journey 6 (d): typing in rotation-policy.yaml → diagnostic citing the threat model, completion, hover', page, async () => {
      if (journeyFilter.length && !wanted('journey 3')) await demoJourney({ ...demo, screenshot: async () => {} });
      await policyEditingJourney(demo);
    });
    await check('journey 10: Store Secret… re-enters the human ops-console-password into its pass store, fingerprint in the ledger', page, async () => {
      if (journeyFilter.length && !wanted('journey 3')) await demoJourney({ ...demo, screenshot: async () => {} });
      await storeSecretJourney(demo);
    });
    await check('journey 8 (f): the current value pasted into a prompt under a rotate-now trigger (confirmed policy) → rotated once, one notification', page, async () => {
      if (journeyFilter.length && !wanted('journey 3')) await demoJourney({ ...demo, screenshot: async () => {} });
      await triggerJourney({ ...demo, xdgConfig: profile.xdgConfig });
    });
    await check('journey 14 (issue 22): palette Rotate Secret… on the demo OpenAI key (npm start\'s stand-in) → the whole loop; the stand-in accepts the new key and refuses the old', page, async () => {
      if (journeyFilter.length) {
        await openWorkbench(page, server.url, demoFolder);
        await waitForExtensionActive(page);
      }
      await llmRotateJourney({ ...demo, xdgConfig: profile.xdgConfig, staged: llmStaged, openaiUrl: standIns.urls.openai });
    });
    sampleMemory('after the demo rotation journeys', [server.pgid], [profile.root]);
    const pgName = 'journey 12 (c): Secrets view → Rotate on a PostgreSQL secret → confirmed → the new password connects, the old is refused';
    if (wanted(pgName)) {
      let pgw;
      try {
        await check(pgName, page, async () => {
          pgw = await preparePostgresWorkspace({ root: ROOT, keyringEnv: keyring.env });
          await postgresRotateJourney({ page, url: server.url, pgw, lap, shot: shooter(page) });
        });
      } finally {
        await pgw?.server.stop();
      }
    }
  } finally {
    await context.close().catch(() => {});
    await server.stop();
    keyring.stop();
    pass.stop();
    await standIns.stop();
  }
}

/** A second code-server with workspace trust on: folders open in Restricted Mode. */
async function untrustedLevel(paths, vsix) {
  const name = 'journey 7 (e): untrusted workspace → diagnostics work, a command provider is refused with how to trust';
  if (!wanted(name)) return;
  const profile = makeProfile({ prefix: 'rg-e2e-untrusted-', settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } });
  installExtension(paths, profile, vsix);
  const folder = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-untrusted-ws-')));
  const { marker } = prepareUntrustedWorkspace(folder);
  const server = await startCodeServer({ paths, profile, workspaceTrust: true });
  const { context, page } = await launchBrowser(profile);
  try {
    await check(name, page, () => untrustedJourney({ page, server, folder, marker, lap: (m) => log(`  ${m}`), shot: shooter(page) }));
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}

async function main() {
  const missing = missingSystemPackages({ install: false, browser: true });
  if (missing.length) throw new Error(missingPackagesMessage(missing));
  let t = Date.now();
  const paths = ensureCodeServer({ log });
  timings['code-server ensure'] = Date.now() - t;
  if (!existsSync('out/test/e2e/ext-host/suite/index.js')) throw new Error('out/ is not built: run node scripts/build.mjs (npm test does)');

  if (only !== 'browser') {
    try {
      await extHostLevel(paths);
    } catch (err) {
      counts.failed++;
      log(`✘ ext-host suite could not run: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }
  if (only !== 'ext-host') {
    t = Date.now();
    const vsixDir = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-vsix-')));
    const vsix = packageVsix(['--no-build', '--out', path.join(vsixDir, 'rotation-guard-e2e.vsix')], log);
    timings['package vsix'] = Date.now() - t;
    await browserLevel(paths, vsix);
    await untrustedLevel(paths, vsix);
    const demoDir = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-npm-start-')));
    await check('npm start serves the demo and Ctrl-C stops it', null, () =>
      npmStartJourney({ root: ROOT, workspace: path.join(demoDir, 'demo'), lap: (m) => log(`  ${m}`) }));
  }
}

try {
  await main();
} catch (err) {
  counts.failed++;
  log(`e2e setup failed: ${err instanceof Error ? err.message : String(err)}`);
}
const total = Date.now() - t0;
writeFileSync(COUNTS_FILE, JSON.stringify(counts));
writeFileSync(path.join(RESULTS, 'e2e-timings.json'), JSON.stringify({ ...timings, total, peakMemoryMb: peakMb }, null, 2));
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} skipped` : ''}${counts.flaky ? `, ${counts.flaky} flaky (failed once, passed on the second attempt; listed above)` : ''} (${(total / 1000).toFixed(1)} s, peak ${peakMb} MB)`);
process.exit(counts.failed > 0 || counts.passed === 0 ? 1 : 0);

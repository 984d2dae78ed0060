// `npm run package [-- --target linux-x64|darwin-arm64|win32-x64|… --out FILE --no-build]`
// Writes a platform-specific .vsix. esbuild bundles everything except the native keychain
// binding, so the package holds dist/*.js plus exactly two packages under node_modules:
// @napi-rs/keyring (the loader) and @napi-rs/keyring-<platform> (the .node binary of the target).
//
// vsce's `--no-dependencies` mode never looks inside node_modules, so instead we package from a
// staging folder whose package.json declares only the keyring: vsce's own `npm list` then finds
// just those two packages (offline, no install), and `.vscodeignore` filters the rest.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** vsce target → suffix of the @napi-rs/keyring optional package that carries its binary. */
export const KEYRING_PLATFORM = {
  'linux-x64': 'linux-x64-gnu',
  'linux-arm64': 'linux-arm64-gnu',
  'linux-armhf': 'linux-arm-gnueabihf',
  'alpine-x64': 'linux-x64-musl',
  'alpine-arm64': 'linux-arm64-musl',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64-msvc',
  'win32-arm64': 'win32-arm64-msvc',
};

export function currentTarget() {
  const arch = process.arch === 'arm' ? 'armhf' : process.arch;
  if (process.platform === 'linux') {
    const glibc = process.report?.getReport()?.header?.glibcVersionRuntime;
    return `${glibc ? 'linux' : 'alpine'}-${arch}`;
  }
  return `${process.platform}-${arch}`;
}

function parseArgs(argv) {
  const opts = { target: currentTarget(), out: undefined, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--target') opts.target = argv[++i];
    else if (a.startsWith('--target=')) opts.target = a.slice('--target='.length);
    else if (a === '--out' || a === '-o') opts.out = argv[++i];
    else if (a.startsWith('--out=')) opts.out = a.slice('--out='.length);
    else if (a === '--no-build') opts.build = false;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!KEYRING_PLATFORM[opts.target]) {
    throw new Error(`unsupported --target ${opts.target}; one of ${Object.keys(KEYRING_PLATFORM).join(', ')}`);
  }
  return opts;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) {
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${r.stdout}\n${r.stderr}`.trim());
  }
  return r.stdout;
}

/**
 * Copies @napi-rs/keyring-<suffix> into the staging node_modules: from the local install when it
 * is this machine's platform, otherwise from `npm pack` (a registry tarball, no install scripts).
 */
function stageKeyringBinary(suffix, version, stagingModules, log) {
  const name = `@napi-rs/keyring-${suffix}`;
  const dest = path.join(stagingModules, '@napi-rs', `keyring-${suffix}`);
  const local = path.join(ROOT, 'node_modules', '@napi-rs', `keyring-${suffix}`);
  if (existsSync(path.join(local, 'package.json'))) {
    cpSync(local, dest, { recursive: true });
    return;
  }
  const packDir = mkdtempSync(path.join(tmpdir(), 'rg-keyring-pack-'));
  try {
    log(`fetching ${name}@${version} with npm pack (not installed locally)`);
    const json = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir, `${name}@${version}`], { cwd: packDir }));
    const tgz = path.join(packDir, json[0].filename);
    mkdirSync(dest, { recursive: true });
    // npm tarballs have one top-level folder called "package"
    run('tar', ['-xzf', tgz, '-C', dest, '--strip-components=1']);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

/** The manifest that goes into the vsix: the real one, minus everything bundled away. */
function stagedManifest(keyringVersion, suffix) {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  delete pkg.devDependencies;
  delete pkg.scripts;
  pkg.dependencies = { '@napi-rs/keyring': keyringVersion };
  // npm list must see the binary package as installed, not as a missing optional dependency
  pkg.optionalDependencies = { [`@napi-rs/keyring-${suffix}`]: keyringVersion };
  return pkg;
}

/** Builds (unless told not to) and writes the vsix; returns its absolute path. */
export function packageVsix(argv = [], log = (m) => console.error(`[package] ${m}`)) {
  const opts = parseArgs(argv);
  const suffix = KEYRING_PLATFORM[opts.target];
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(ROOT, opts.out ?? `${pkg.name}-${pkg.version}-${opts.target}.vsix`);

  if (opts.build) run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--only=dist'], { cwd: ROOT });
  for (const f of ['client.js', 'server.js', 'cli.js', 'cli-scan.js', 'cli-full.js', 'cli-hook.js', 'cli-hook-engine.js', 'cli-hook-snapshot.js', 'hook-launch.sh', 'cli-filters.js', 'cli-markdown.js', 'scan-worker.js', 'server-scan-worker.js', 'driver-redis.js', 'driver-mysql2.js', 'driver-aws.js', 'driver-google-auth.js', 'words.txt']) {
    if (!existsSync(path.join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run npm run build`);
  }

  const keyringDir = path.join(ROOT, 'node_modules', '@napi-rs', 'keyring');
  const keyringVersion = JSON.parse(readFileSync(path.join(keyringDir, 'package.json'), 'utf8')).version;
  const staging = mkdtempSync(path.join(tmpdir(), 'rg-vsix-'));
  try {
    for (const entry of ['dist', 'schemas', 'images', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) {
      const src = path.join(ROOT, entry);
      if (existsSync(src)) cpSync(src, path.join(staging, entry), { recursive: true });
    }
    writeFileSync(path.join(staging, 'package.json'), JSON.stringify(stagedManifest(keyringVersion, suffix), null, 2));
    const modules = path.join(staging, 'node_modules');
    cpSync(keyringDir, path.join(modules, '@napi-rs', 'keyring'), { recursive: true });
    stageKeyringBinary(suffix, keyringVersion, modules, log);
    if (!readdirSync(path.join(modules, '@napi-rs', `keyring-${suffix}`)).some((f) => f.endsWith('.node'))) {
      throw new Error(`@napi-rs/keyring-${suffix} holds no .node binary`);
    }

    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const args = ['package', '--no-yarn', '--target', opts.target, '--out', out];
    if (!pkg.repository) args.push('--allow-missing-repository');
    // relative README links (the screenshot) need absolute bases unless the repository is on
    // GitHub/GitLab, which vsce recognises by itself
    const repoUrl = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
    if (repoUrl && !/github\.com|gitlab\.com/.test(repoUrl)) args.push('--baseContentUrl', `${repoUrl}/blob/HEAD`, '--baseImagesUrl', `${repoUrl}/raw/HEAD`);
    if (!existsSync(path.join(ROOT, 'LICENSE'))) args.push('--skip-license');
    run(process.execPath, [vsce, ...args], { cwd: staging });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`wrote ${path.relative(process.cwd(), out) || out} (target ${opts.target}, keyring ${keyringVersion}/${suffix})`);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(packageVsix(process.argv.slice(2)));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

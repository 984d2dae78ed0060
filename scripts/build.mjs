// One esbuild configuration per bundle. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import fg from 'fast-glob';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildWordList } from './wordlist.mjs';

const watch = process.argv.includes('--watch');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

// Native keychain bindings cannot be bundled; `pg-native` is an optional peer of `pg` we never use.
const external = ['vscode', '@napi-rs/keyring', 'keytar', 'pg-native'];
// `import x from './f.wat'` gives the base64 of the assembled module (wabt, at build time).
const watPlugin = {
  name: 'wat',
  setup(build) {
    build.onLoad({ filter: /\.wat$/ }, async (args) => {
      const wabt = await (await import('wabt')).default();
      const source = readFileSync(args.path, 'utf8');
      const mod = wabt.parseWat(args.path, source);
      try {
        mod.validate();
        const { buffer } = mod.toBinary({});
        return { contents: `module.exports = ${JSON.stringify(Buffer.from(buffer).toString('base64'))};`, loader: 'js' };
      } finally {
        mod.destroy();
      }
    });
  },
};

/**
 * `import file from './words.wordlist'` gives the path of dist/words.txt, the dictionary the value
 * judgement searches (scripts/wordlist.mjs), written once per build: beside the bundle for bundles
 * in dist/, the absolute path for tests and benchmarks (out/), which run from this tree.
 */
const WORDS_FILE = resolve('dist/words.txt');
let wordsWritten;
const wordsPlugin = {
  name: 'wordlist',
  setup(build) {
    build.onResolve({ filter: /\.wordlist$/ }, (args) => ({ path: args.path, namespace: 'wordlist' }));
    build.onLoad({ filter: /.*/, namespace: 'wordlist' }, () => {
      wordsWritten ??= (mkdirSync('dist', { recursive: true }), writeFileSync(WORDS_FILE, buildWordList()), true);
      const inDist = resolve(build.initialOptions.outdir ?? build.initialOptions.outfile.replace(/\/[^/]*$/, '')) === resolve('dist');
      return { contents: inDist ? "module.exports = require('node:path').join(__dirname, 'words.txt');" : `module.exports = ${JSON.stringify(WORDS_FILE)};`, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
  // jsonc-parser's UMD build uses dynamic requires esbuild cannot follow; prefer ESM entry points.
  mainFields: ['module', 'main'],
  plugins: [watPlugin, wordsPlugin],
};

/**
 * Database drivers and cloud SDKs only some rotations need: bundles of their own, loaded by path
 * when such a rotation runs. Inside cli-full.js the database drivers were 2.5 of 5.3 MB, parsed by
 * every `rotate` process (0.16 s of CPU to load the bundle) while the app it rotates for is serving
 * requests; the AWS SDK alone is 1.3 MB. Packages that share code share a bundle (the three AWS
 * clients share the SDK's core): each bundle exports its packages by name.
 */
const DRIVERS = {
  '@redis/client': 'driver-redis',
  'mysql2/promise': 'driver-mysql2',
  '@aws-sdk/client-iam': 'driver-aws',
  '@aws-sdk/client-sts': 'driver-aws',
  '@aws-sdk/client-secrets-manager': 'driver-aws',
  'google-auth-library': 'driver-google-auth',
};
const driverBundles = [...new Set(Object.values(DRIVERS))].map((name) => ({
  ...common,
  stdin: {
    contents: `module.exports = {${Object.keys(DRIVERS).filter((pkg) => DRIVERS[pkg] === name).map((pkg) => `${JSON.stringify(pkg)}: require(${JSON.stringify(pkg)})`).join(', ')}};`,
    resolveDir: process.cwd(),
    sourcefile: `${name}.js`,
  },
  outfile: `dist/${name}.js`,
}));
function driversApart() {
  const filter = new RegExp(`^(${Object.keys(DRIVERS).map((k) => k.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'drivers-apart',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'driver' }));
      build.onLoad({ filter: /.*/, namespace: 'driver' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(`./${DRIVERS[args.path]}.js`)})[${JSON.stringify(args.path)}];`, loader: 'js' }));
      build.onResolve({ filter: /^\.\/driver-[a-z0-9-]+\.js$/, namespace: 'driver' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

const bundles = [
  // picomatch, pg and zod probe `navigator`; in the extension host that probe logs a migration warning.
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', define: { navigator: 'undefined' }, plugins: [watPlugin, wordsPlugin, driversApart()] },
  // The language server, and its workspace-scan worker thread (a bundle of its own, loaded by path).
  { ...common, entryPoints: { server: 'server/src/server.ts', 'server-scan-worker': 'server/src/scanWorker.ts' }, outdir: 'dist', plugins: [watPlugin, wordsPlugin, driversApart()] },
  { ...common, entryPoints: { cli: 'cli/src/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [watPlugin, wordsPlugin, scanCommandsApart()] },
  // `scan` and `redact`, and the scan worker thread: the detection core without the rest, so a
  // scan starts in milliseconds instead of parsing the whole CLI.
  // markdown-it (250 KB with its entity tables, half the bundle) is cli-markdown.js, loaded at the
  // first Markdown file with a fence whose credential word needs its regions.
  { ...common, entryPoints: { 'cli-scan': 'cli/src/scan-commands.ts', 'scan-worker': 'cli/src/scan/worker.ts' }, outdir: 'dist', plugins: [watPlugin, wordsPlugin, markdownApart()] },
  { ...common, entryPoints: { 'cli-full': 'cli/src/full-commands.ts' }, outdir: 'dist', plugins: [watPlugin, wordsPlugin, driversApart()] },
  // `hook` (started by an assistant on every prompt and tool call): cli-hook.js is a loader, the
  // engine (the filter and detection cores alone) is cli-hook-engine.js, read through V8's code
  // cache; `hooks` and `proxy` are cli-filters.js. Minified: the engine is parsed on every prompt and
  // tool call. markdown-it, more than half of its bytes, is never run there (hook texts have no file
  // name to be Markdown by): cli-markdown.js, loaded only if a Markdown region is parsed.
  { ...common, entryPoints: { 'cli-hook': 'cli/src/hook-commands.ts' }, outdir: 'dist', plugins: [watPlugin, wordsPlugin, hookPartsApart()] },
  { ...common, entryPoints: { 'cli-hook-engine': 'cli/src/commands/hook.ts' }, outdir: 'dist', minify: true, plugins: [watPlugin, wordsPlugin, markdownApart()] },
  // The hook's V8 startup snapshot is built from this, on the machine that runs it (cli/src/hook/):
  // one file (a snapshot's entry can require only Node's own modules), markdown-it still apart.
  { ...common, entryPoints: { 'cli-hook-snapshot': 'cli/src/hook/snapshot-main.ts' }, outdir: 'dist', minify: true, plugins: [watPlugin, wordsPlugin, markdownApart(true)] },
  { ...common, entryPoints: { 'cli-filters': 'cli/src/filter-commands.ts' }, outdir: 'dist' },
  { ...common, stdin: { contents: "const m = require('markdown-it'); module.exports = m.default ?? m;", resolveDir: process.cwd(), sourcefile: 'cli-markdown.js' }, outfile: 'dist/cli-markdown.js', minify: true },
  ...driverBundles,
];

/** In dist/cli.js, `require('./scan-commands')`, `require('./full-commands')` and `require('./hook-commands')` load their own bundles. */
function scanCommandsApart() {
  return {
    name: 'commands-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\/scan-commands$/ }, () => ({ path: './cli-scan.js', external: true }));
      build.onResolve({ filter: /^\.\/full-commands$/ }, () => ({ path: './cli-full.js', external: true }));
      build.onResolve({ filter: /^\.\/hook-commands$/ }, () => ({ path: './cli-hook.js', external: true }));
    },
  };
}

/** In dist/cli-hook.js, `require('./filter-commands')` loads dist/cli-filters.js, `require('./commands/hook')` dist/cli-hook-engine.js. */
function hookPartsApart() {
  return {
    name: 'hook-parts-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\/filter-commands$/ }, () => ({ path: './cli-filters.js', external: true }));
      build.onResolve({ filter: /^\.\/commands\/hook$/ }, () => ({ path: './cli-hook-engine.js', external: true }));
    },
  };
}

/**
 * `import MarkdownIt from 'markdown-it'` becomes a constructor that loads dist/cli-markdown.js on
 * first use. Inside a startup snapshot `require` knows only Node's own modules: `fromSnapshot`
 * loads it through a require made for the bundle's path.
 */
function markdownApart(fromSnapshot = false) {
  const load = fromSnapshot ? "require('node:module').createRequire(__filename)('./cli-markdown.js')" : "require('./cli-markdown.js')";
  return {
    name: 'markdown-apart',
    setup(build) {
      build.onResolve({ filter: /^markdown-it$/ }, () => ({ path: 'markdown-it', namespace: 'lazy-markdown' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-markdown' }, () => ({
        contents: `let M; module.exports = function MarkdownIt(...args) { M ??= ${load}; return new M(...args); };`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^\.\/cli-markdown\.js$/, namespace: 'lazy-markdown' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

// Tests, benchmarks and dev scripts: one output per file, dependencies resolved from node_modules at run time.
const testEntries = await fg(['test/**/*.test.ts', 'test/helpers/fake-keys.ts', 'test/**/suite/index.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'test/**/workers/*.ts'], { ignore: ['**/node_modules/**'] });
if (testEntries.length) {
  bundles.push({
    ...common,
    entryPoints: testEntries,
    outdir: 'out',
    outbase: '.',
    packages: 'external',
    external: [...external],
  });
}

const selected = only ? bundles.filter((b) => JSON.stringify(b.entryPoints ?? b.outfile).includes(only) || (b.outdir ?? b.outfile.split('/')[0]) === only) : bundles;
if (!only) rmSync('out', { recursive: true, force: true });

if (watch) {
  for (const b of selected) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('[watch] esbuild is watching client, server, cli and tests');
} else {
  await Promise.all(selected.map((b) => esbuild.build(b)));
}
// The hook's launcher (a shell script: it starts Node from the hook's snapshot, or else from dist/cli.js).
if (!only || only === 'dist' || only.includes('cli-hook')) {
  mkdirSync('dist', { recursive: true });
  copyFileSync('cli/src/hook/launch.sh', 'dist/hook-launch.sh');
}

// The commands that need the detection core only. The build bundles this file alone as
// dist/cli-scan.js, which dist/cli.js loads for them (see scripts/build.mjs).
export * as scan from './commands/scan';
export * as redact from './commands/redact';

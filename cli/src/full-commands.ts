// The commands that need the policy, the stores and the rotation engine. The build bundles this
// file alone as dist/cli-full.js, which dist/cli.js loads for them (see scripts/build.mjs).
export * as check from './commands/check';
export * as policy from './commands/policy';
export * as rotate from './commands/rotate';
export * as trust from './commands/trust';
export * as status from './commands/status';
export * as ledger from './commands/ledger';
export * as run from './commands/run';
export * as enforce from './commands/enforce';
export * as reportAnomaly from './commands/report-anomaly';

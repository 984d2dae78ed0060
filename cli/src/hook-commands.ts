// `hook`, started by an assistant on every prompt and tool call: the filter engine and the
// detection core without the rest. The build bundles this file alone as dist/cli-hook.js.
export * as hook from './commands/hook';
export * as hooks from './commands/hooks';
export * as proxy from './commands/proxy';

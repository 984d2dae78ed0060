// `hooks` (install/uninstall the assistants' configs) and `proxy` (an HTTP server): run by a
// person now and then, so they stay out of the bundle an assistant starts on every prompt and
// tool call. The build bundles this file alone as dist/cli-filters.js.
export * as hooks from './commands/hooks';
export * as proxy from './commands/proxy';

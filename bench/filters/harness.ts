// What bench/filters.bench.mjs drives, bundled by the build into out/bench/filters/harness.js.
export { decideHook } from '../../core/filter';
export { createRedactingProxy } from '../../core/filter';
export { RedactionSession, redactText, StreamRedactor, findSecrets } from '../../core/filter';
export { fake } from '../../test/helpers/fake-keys';
export { rawMatches } from '../../core/detect/index';

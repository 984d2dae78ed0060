// What bench/filters.bench.mjs drives, bundled by the build into out/bench/filters/harness.js.
export { decideHook } from '../../core/filter/hooks/index';
export { createRedactingProxy } from '../../core/filter/proxy/index';
export { RedactionSession, redactText, StreamRedactor, findSecrets } from '../../core/filter/index';
export { fake } from '../../test/helpers/fake-keys';

// The plain-JS e2e driver's fake keys: the built copy of test/helpers/fake-keys.ts (the one
// generator of every test level; `node scripts/build.mjs` writes out/test/helpers/fake-keys.js).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const built = require('../../../out/test/helpers/fake-keys.js');

export const { fakeOpenAiKey, fakeAnthropicKey } = built;

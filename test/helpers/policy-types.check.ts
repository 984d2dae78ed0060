// Compile-time checks of the policy builder: tsc (the typecheck step) fails when a wrong policy
// compiles. Nothing runs this file.
import { machineSecret, policyYaml } from './policy';

export const wrongPolicies = [
  // @ts-expect-error a misspelt top-level field
  () => policyYaml({ version: 1, stores: {}, secrets: [], secret: [] }),
  // @ts-expect-error a kind the schema does not know
  () => machineSecret('x', { kind: 'apikey', stores: ['s'] }),
  // @ts-expect-error a field of another provider
  () => policyYaml({ version: 1, stores: {}, providers: { p: { type: 'generate', project: 'x' } }, secrets: [] }),
  // @ts-expect-error a store without its required field
  () => policyYaml({ version: 1, stores: { e: { type: 'env-file' } }, secrets: [] }),
  // @ts-expect-error a secret without stores
  () => machineSecret('x', { rotation: { provider: 'p' } }),
];

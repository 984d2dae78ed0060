import { loadPolicyFile } from '../../../core/policy';
import { createPolicyStoreRegistry, rotate, trustToConfirm, type RotationResult } from '../../../core/rotation';

/**
 * One rotation through the engine in this process (no CLI start-up), for the wall-time target:
 * the stand-ins answer at once, so what is measured is our own work plus the real clients'.
 */
export async function rotateInProcess(policyPath: string, secretId: string, env: NodeJS.ProcessEnv): Promise<{ result: RotationResult; ms: number }> {
  const loaded = loadPolicyFile(policyPath);
  if (!loaded.policy) throw new Error(`policy has errors: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const stores = createPolicyStoreRegistry(loaded.policy, policyPath, env);
  const t0 = performance.now();
  const out = await rotate({ mode: 'rotate', policy: loaded.policy, policyPath, secretId, stores, env, policyText: loaded.text, trust: { workspaceTrusted: true, confirmation: trustToConfirm(loaded.policy, policyPath, loaded.text, env) } });
  if (!out.result) throw new Error(`${secretId}: ${out.code}: ${out.message}`);
  return { result: out.result, ms: performance.now() - t0 };
}

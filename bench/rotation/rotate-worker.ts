// One rotation in its own process, so the fault-injection benchmark can SIGKILL it at a step
// (ROTATION_GUARD_TEST_PAUSE_AT / _MARKER in the environment). usage: node rotate-worker.js POLICY SECRET_ID
import { loadPolicyFile } from '../../core/policy';
import { createPolicyStoreRegistry, rotate, trustToConfirm } from '../../core/rotation';

async function main(): Promise<void> {
  const [policyPath, secretId] = process.argv.slice(2);
  const loaded = loadPolicyFile(policyPath!, { listFiles: false });
  if (!loaded.policy) throw new Error('invalid policy');
  const r = await rotate({
    mode: 'rotate',
    policy: loaded.policy,
    policyPath: policyPath!,
    policyText: loaded.text,
    secretId: secretId!,
    stores: createPolicyStoreRegistry(loaded.policy, policyPath!),
    trust: { workspaceTrusted: true, confirmation: trustToConfirm(loaded.policy, policyPath!, loaded.text) },
  });
  process.stdout.write(`${r.code}\n`);
}
main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

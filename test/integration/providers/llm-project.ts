/**
 * A throwaway project whose app key is rotated by one of the LLM providers against its stand-in:
 * the policy, the app's env file (the real env-file store), the admin credential in a second env
 * file, the stand-in's URL in the environment (the only way a base URL is overridden).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyFile } from '../../../core/policy';
import { readEnvValue } from '../../../core/stores/env-format';
import { createPolicyStoreRegistry, rotate, trustToConfirm, type RotationHost, type RotationResult } from '../../../core/rotation';
import { machineSecret, policyYaml, type ProviderDoc } from '../../helpers/policy';
import { tempProject } from '../../helpers/temp-project';

export interface LlmProject {
  dir: string;
  policyPath: string;
  env: NodeJS.ProcessEnv;
  appKey(): string | null;
  rotate(host?: RotationHost): Promise<RotationResult & { ms: number }>;
  ledger(): string;
  cleanup(): void;
}

export interface LlmProjectSpec {
  /** The issuer, e.g. `{ type: 'openai', project: 'proj_x', adminKey: 'admin' }`. */
  provider: ProviderDoc;
  appVar: string;
  appKey: string;
  adminVar: string;
  adminValue: string;
  /** `ROTATION_GUARD_<NAME>_BASE_URL` values. */
  baseUrls: Record<string, string>;
}

export function llmProject(s: LlmProjectSpec): LlmProject {
  const dir = tempProject('rg-llm-').dir;
  const policyPath = join(dir, 'rotation-policy.yaml');
  const text = policyYaml({
    version: 1,
    stores: { app: { type: 'env-file', path: '.env' }, admin: { type: 'env-file', path: '.env.admin', var: s.adminVar } },
    providers: { issuer: s.provider },
    secrets: [machineSecret('app-key', { stores: ['app'], rotation: { provider: 'issuer' }, references: { env: [s.appVar] } }), machineSecret('admin', { maxAge: '90d', stores: ['admin'] })],
  });
  writeFileSync(policyPath, text);
  writeFileSync(join(dir, '.env'), `${s.appVar}=${s.appKey}\n`, { mode: 0o600 });
  writeFileSync(join(dir, '.env.admin'), `${s.adminVar}=${s.adminValue}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, '.config') };
  for (const [name, url] of Object.entries(s.baseUrls)) env[`ROTATION_GUARD_${name}_BASE_URL`] = url;
  delete env.ROTATION_GUARD_TEST_PAUSE_AT;
  return {
    dir,
    policyPath,
    env,
    appKey: () => readEnvValue(readFileSync(join(dir, '.env'), 'utf8'), s.appVar),
    async rotate(host = {}) {
      const loaded = loadPolicyFile(policyPath);
      if (!loaded.policy) throw new Error(`policy: ${loaded.problems.map((p) => p.message).join('; ')}`);
      const t0 = performance.now();
      const target = {
        mode: 'rotate',
        policy: loaded.policy,
        policyPath,
        policyText: loaded.text,
        secretId: 'app-key',
        stores: createPolicyStoreRegistry(loaded.policy, policyPath, env),
        trust: { workspaceTrusted: true, confirmation: trustToConfirm(loaded.policy, policyPath, loaded.text, env) },
        fingerprintKey: Buffer.alloc(32, 3),
        env,
      } as const;
      const out = await rotate(target, host);
      if (!out.result) throw new Error(`app-key: ${out.code}: ${out.message}`);
      return { ...out.result, ms: performance.now() - t0 };
    },
    ledger: () => {
      try {
        return readFileSync(join(dir, '.rotation/ledger.jsonl'), 'utf8');
      } catch {
        return '';
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

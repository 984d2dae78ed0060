/**
 * `npm start`'s labelled demo stand-ins for OpenAI and OpenRouter: local servers on 127.0.0.1
 * that speak the documented admin and model APIs (the test stand-ins, test/helpers/standins/), so
 * a newcomer can press *Rotate now* on an LLM key and watch the whole loop — create, verify,
 * switch, revoke, check the old key is refused — without an account. They are NOT
 * api.openai.com or openrouter.ai: the policy they come with says so, every answer carries
 * `x-rotation-guard-demo: stand-in`, and the editor reaches them only through
 * ROTATION_GUARD_<PROVIDER>_BASE_URL, set for the demo's code-server alone.
 *
 * Writes into the demo workspace: `llm-demo.rotation.yaml` (a second policy), `.env.llm-demo`
 * (the apps' keys, issued by the stand-ins) and `.env.llm-admin` (the admin keys), both git-ignored.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAiStandIn } from '../test/helpers/standins/openai';
import { OpenRouterStandIn } from '../test/helpers/standins/openrouter';
import { machineSecret, policyYaml, type ProviderDoc } from '../test/helpers/policy';

export interface DemoStandIns {
  /** The environment the demo editor needs to reach the stand-ins (base URLs only, no keys). */
  env: Record<string, string>;
  urls: { openai: string; openrouter: string };
  stop(): Promise<void>;
}

export async function startDemoStandIns(workspace: string): Promise<DemoStandIns> {
  const openai = await new OpenAiStandIn().start();
  const openrouter = await new OpenRouterStandIn().start();
  for (const s of [openai, openrouter]) s.labelAs('rotation-guard demo stand-in');
  // One row per demo key: the bot's key apps use, and the admin key that rotates it.
  const demos: Array<{ bot: string; what: string; env: string; provider: string; spec: ProviderDoc; admin: string; adminWhat: string; adminStore: string; adminVar: string }> = [
    { bot: 'openai-demo-bot', what: 'OpenAI key; a project service account per rotation', env: 'DEMO_OPENAI_API_KEY', provider: 'openai-demo', spec: { type: 'openai', project: openai.project, adminKey: 'openai-demo-admin' }, admin: 'openai-demo-admin', adminWhat: 'OpenAI Admin API key', adminStore: 'openai-admin-env', adminVar: 'OPENAI_DEMO_ADMIN' },
    { bot: 'openrouter-demo-bot', what: 'OpenRouter key; created and deleted with a Management key', env: 'DEMO_OPENROUTER_API_KEY', provider: 'openrouter-demo', spec: { type: 'openrouter', managementKey: 'openrouter-demo-management' }, admin: 'openrouter-demo-management', adminWhat: 'OpenRouter Management key', adminStore: 'openrouter-admin-env', adminVar: 'OPENROUTER_DEMO_MANAGEMENT' },
  ];
  const policy = policyYaml({
    version: 1,
    stores: { 'llm-demo-env': { type: 'env-file', path: '.env.llm-demo' }, ...Object.fromEntries(demos.map((d) => [d.adminStore, { type: 'env-file', path: '.env.llm-admin', var: d.adminVar }])) },
    providers: Object.fromEntries(demos.map((d) => [d.provider, d.spec])),
    secrets: [
      ...demos.map((d) => machineSecret(d.bot, { description: `A bot's ${d.what} (demo stand-in)`, stores: ['llm-demo-env'], rotation: { provider: d.provider }, references: { env: [d.env] } })),
      ...demos.map((d) => machineSecret(d.admin, { description: `${d.adminWhat} (never handed to apps by \`run\`)`, maxAge: '90d', stores: [d.adminStore] })),
    ],
  });
  writeFileSync(
    path.join(workspace, 'llm-demo.rotation.yaml'),
    `# LLM keys that rotate without a person — against LOCAL DEMO STAND-INS started by \`npm start\`
# (OpenAI at ${openai.url}, OpenRouter at ${openrouter.url}), not the real services.
# Press "Rotate now" on a secret below: a new key is created through the admin API, checked,
# switched in .env.llm-demo, the old key revoked and checked to be refused.
${policy}`,
  );
  writeFileSync(path.join(workspace, '.env.llm-demo'), `DEMO_OPENAI_API_KEY=${openai.seedUserKey()}\nDEMO_OPENROUTER_API_KEY=${openrouter.seedKey()}\n`, { mode: 0o600 });
  writeFileSync(path.join(workspace, '.env.llm-admin'), `OPENAI_DEMO_ADMIN=${openai.adminKey}\nOPENROUTER_DEMO_MANAGEMENT=${openrouter.managementKey}\n`, { mode: 0o600 });
  const gi = path.join(workspace, '.gitignore');
  let ignored = '';
  try {
    ignored = readFileSync(gi, 'utf8');
  } catch {
    ignored = '';
  }
  if (!ignored.includes('.env.llm-')) appendFileSync(gi, `${ignored && !ignored.endsWith('\n') ? '\n' : ''}.env.llm-demo\n.env.llm-admin\n`);
  return {
    env: { ROTATION_GUARD_OPENAI_BASE_URL: openai.url, ROTATION_GUARD_OPENROUTER_BASE_URL: openrouter.url },
    urls: { openai: openai.url, openrouter: openrouter.url },
    stop: async () => {
      await Promise.all([openai.stop(), openrouter.stop()]);
    },
  };
}

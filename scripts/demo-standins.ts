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
  writeFileSync(
    path.join(workspace, 'llm-demo.rotation.yaml'),
    `# LLM keys that rotate without a person — against LOCAL DEMO STAND-INS started by \`npm start\`
# (OpenAI at ${openai.url}, OpenRouter at ${openrouter.url}), not the real services.
# Press "Rotate now" on a secret below: a new key is created through the admin API, checked,
# switched in .env.llm-demo, the old key revoked and checked to be refused.
version: 1
stores:
  llm-demo-env: { type: env-file, path: .env.llm-demo }
  openai-admin-env: { type: env-file, path: .env.llm-admin, var: OPENAI_DEMO_ADMIN }
  openrouter-admin-env: { type: env-file, path: .env.llm-admin, var: OPENROUTER_DEMO_MANAGEMENT }
providers:
  openai-demo: { type: openai, project: ${openai.project}, adminKey: openai-demo-admin }
  openrouter-demo: { type: openrouter, managementKey: openrouter-demo-management }
secrets:
  - id: openai-demo-bot
    description: A bot's OpenAI key; a project service account per rotation (demo stand-in)
    kind: api-key
    owner: machine
    maxAge: 30d
    stores: [llm-demo-env]
    rotation: { provider: openai-demo }
    references: { env: [DEMO_OPENAI_API_KEY] }
  - id: openrouter-demo-bot
    description: A bot's OpenRouter key; created and deleted with a Management key (demo stand-in)
    kind: api-key
    owner: machine
    maxAge: 30d
    stores: [llm-demo-env]
    rotation: { provider: openrouter-demo }
    references: { env: [DEMO_OPENROUTER_API_KEY] }
  - id: openai-demo-admin
    description: OpenAI Admin API key (never handed to apps by \`run\`)
    kind: api-key
    owner: machine
    maxAge: 90d
    stores: [openai-admin-env]
  - id: openrouter-demo-management
    description: OpenRouter Management key (never handed to apps by \`run\`)
    kind: api-key
    owner: machine
    maxAge: 90d
    stores: [openrouter-admin-env]
`,
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

// One rotation of each LLM-key provider against its stand-in (0 ms of provider latency), in
// process: the wall time of the whole loop (create, store, verify new, promote, revoke, verify
// old refused, finish). Bundled to out/bench/rotation/llm-one-rotation.js; driven by
// bench/llm-rotation-time.bench.mjs. Target: under 1 s each.
import { AnthropicStandIn } from '../../test/helpers/standins/anthropic';
import { AzureStandIn } from '../../test/helpers/standins/azure';
import { OpenAiStandIn } from '../../test/helpers/standins/openai';
import { OpenRouterStandIn } from '../../test/helpers/standins/openrouter';
import { llmProject, type LlmProject } from '../../test/integration/providers/llm-project';

export interface RotationTimes {
  provider: string;
  ms: number[];
  failed: number;
}

async function time(provider: string, runs: number, make: () => Promise<{ p: LlmProject; paste?: () => string; stop: () => Promise<void> }>): Promise<RotationTimes> {
  const { p, paste, stop } = await make();
  const out: RotationTimes = { provider, ms: [], failed: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const r = await p.rotate(paste ? { prompt: async () => paste() } : {});
      if (r.status !== 'rotated') out.failed++;
      out.ms.push(r.ms);
    }
  } finally {
    p.cleanup();
    await stop();
  }
  return out;
}

export async function runOneRotationBench(runs: number): Promise<RotationTimes[]> {
  return [
    await time('openai', runs, async () => {
      const s = await new OpenAiStandIn().start();
      return { p: llmProject({ provider: { type: 'openai', project: s.project, adminKey: 'admin' }, appVar: 'OPENAI_API_KEY', appKey: s.seedUserKey(), adminVar: 'OPENAI_ADMIN_KEY', adminValue: s.adminKey, baseUrls: { OPENAI: s.url } }), stop: () => s.stop() };
    }),
    await time('openrouter', runs, async () => {
      const s = await new OpenRouterStandIn().start();
      return { p: llmProject({ provider: { type: 'openrouter', managementKey: 'admin' }, appVar: 'OPENROUTER_API_KEY', appKey: s.seedKey(), adminVar: 'OPENROUTER_MANAGEMENT_KEY', adminValue: s.managementKey, baseUrls: { OPENROUTER: s.url } }), stop: () => s.stop() };
    }),
    await time('anthropic', runs, async () => {
      const s = await new AnthropicStandIn().start();
      return { p: llmProject({ provider: { type: 'anthropic', adminKey: 'admin' }, appVar: 'ANTHROPIC_API_KEY', appKey: s.issueKey(), adminVar: 'ANTHROPIC_ADMIN_KEY', adminValue: s.adminKey, baseUrls: { ANTHROPIC: s.url } }), paste: () => s.issueKey('pasted'), stop: () => s.stop() };
    }),
    await time('azure-openai', runs, async () => {
      const z = await new AzureStandIn().start();
      return {
        p: llmProject({ provider: { type: 'azure-openai', subscriptionId: z.subscriptionId, resourceGroup: z.resourceGroup, account: z.account, tenantId: z.tenantId, clientId: z.clientId, clientSecret: 'admin' }, appVar: 'AZURE_OPENAI_API_KEY', appKey: z.key1, adminVar: 'AZURE_CLIENT_SECRET', adminValue: z.clientSecret, baseUrls: { AZURE: z.url, AZURE_LOGIN: z.url, AZURE_OPENAI: z.url } }),
        stop: () => z.stop(),
      };
    }),
  ];
}

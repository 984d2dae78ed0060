// One rotation of each LLM-key provider against its stand-in (0 ms of provider latency), in
// process: the wall time of the whole loop (create, store, verify new, promote, revoke, verify
// old refused, finish). Bundled to out/bench/rotation/llm-one-rotation.js; driven by
// bench/llm-rotation-time.bench.mjs. Target: under 1 s each. The first rotation of a provider is
// its cold one (the AWS SDK and google-auth-library load on first use); the rest are warm.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCredential } from '../../core/rotation';
import { writeEnvValue } from '../../core/stores';
import { AnthropicStandIn } from '../../test/helpers/standins/anthropic';
import { startAwsStandIn, type AwsStandIn } from '../../test/helpers/standins/aws';
import { AzureStandIn } from '../../test/helpers/standins/azure';
import { startGeminiStandIn } from '../../test/helpers/standins/gemini';
import { OpenAiStandIn } from '../../test/helpers/standins/openai';
import { OpenRouterStandIn } from '../../test/helpers/standins/openrouter';
import { llmProject, type LlmProject, type LlmProjectSpec } from '../../test/integration/providers/llm-project';

export interface RotationTimes {
  provider: string;
  ms: number[];
  failed: number;
}

async function time(provider: string, runs: number, make: () => Promise<{ p: LlmProject; paste?: () => string; stop: () => Promise<void> }>, untimed = 0): Promise<RotationTimes> {
  const { p, paste, stop } = await make();
  const out: RotationTimes = { provider, ms: [], failed: 0 };
  try {
    for (let i = 0; i < untimed; i++) if ((await p.rotate()).status !== 'rotated') out.failed++;
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
    await time('aws-iam', runs, async () => {
      const aws = await startAwsStandIn();
      const app = aws.addUser('app-bot');
      const p = envProject(aws, { provider: { type: 'aws-iam', userName: 'app-bot', adminConnection: 'admin' }, appVar: 'AWS_APP_CREDENTIAL', appKey: formatCredential({ AccessKeyId: app.accessKeyId, SecretAccessKey: app.secretAccessKey }) });
      return { p, stop: () => aws.close() };
    }),
    // As in the suite: the first rotation gives the user its first Bedrock key (untimed), the timed ones replace it.
    await time(
      'aws-bedrock',
      runs,
      async () => {
        const aws = await startAwsStandIn();
        aws.users.add('bedrock-bot');
        const p = envProject(aws, { provider: { type: 'aws-bedrock', userName: 'bedrock-bot', adminConnection: 'admin', credentialAgeDays: 90 }, appVar: 'AWS_BEARER_TOKEN_BEDROCK', appKey: '' });
        return { p, stop: () => aws.close() };
      },
      1,
    ),
    await time('gemini', runs, async () => {
      const g = await startGeminiStandIn();
      const p = llmProject({ provider: { type: 'gemini', project: g.project, adminConnection: 'admin', displayName: 'support-bot' }, appVar: 'GEMINI_API_KEY', appKey: g.addKey().keyString, adminVar: 'GEMINI_ADMIN_SERVICE_ACCOUNT', adminValue: '', baseUrls: { GEMINI: g.url } });
      // A service account key is JSON with spaces: written with the env-file store's own quoting.
      writeFileSync(join(p.dir, '.env.admin'), writeEnvValue('', 'GEMINI_ADMIN_SERVICE_ACCOUNT', JSON.stringify(g.serviceAccount)), { mode: 0o600 });
      return { p, stop: () => g.close() };
    }),
  ];
}

/** An AWS project: the admin user's key as a credential_process document, as the aws suite writes it. */
function envProject(aws: AwsStandIn, s: Pick<LlmProjectSpec, 'provider' | 'appVar' | 'appKey'>): LlmProject {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const admin = aws.addUser('admin');
  const p = llmProject({ ...s, adminVar: 'AWS_ADMIN_CREDENTIAL', adminValue: '', baseUrls: { AWS: aws.url } });
  writeFileSync(join(p.dir, '.env.admin'), writeEnvValue('', 'AWS_ADMIN_CREDENTIAL', formatCredential({ AccessKeyId: admin.accessKeyId, SecretAccessKey: admin.secretAccessKey })), { mode: 0o600 });
  writeFileSync(join(p.dir, '.env'), writeEnvValue('', s.appVar, s.appKey), { mode: 0o600 });
  return p;
}

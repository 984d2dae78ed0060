/**
 * Target: every LLM-key provider killed (SIGKILL of the CLI's process group) at each step, then
 * continued — by `rotate --resume` or by the next plain `rotate` — is never without a working
 * key, and ends with no key valid at the issuer that no store holds. FAULTS=N repeats each point
 * N times (CI: 1; the figures in the report: 20).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LocalStageStore } from '../../../core/rotation';
import { AnthropicStandIn } from '../../helpers/standins/anthropic';
import { AzureStandIn } from '../../helpers/standins/azure';
import { OpenAiStandIn } from '../../helpers/standins/openai';
import { OpenRouterStandIn } from '../../helpers/standins/openrouter';
import type { StandInServer } from '../../helpers/standins/server';
import { killAt, POINTS_WITHOUT_APPLY, runCli } from '../faults/harness';
import { llmProject, type LlmProject } from './llm-project';

const FAULTS = Math.max(1, Number(process.env.FAULTS ?? 1) || 1);
const POINTS = POINTS_WITHOUT_APPLY;

interface Issuer {
  name: string;
  server: StandInServer;
  validKeys(): string[];
  project(): LlmProject;
  /** A new key a person would paste (Anthropic), else undefined. */
  paste?(): string;
  /** A pasted key the CLI never asked for: the person's own business, not the rotation's. */
  unused?(key: string): void;
  /** Keys the issuer always holds that no store is meant to (Azure's spare slot). */
  spares(stored: Set<string>): number;
}

async function issuers(): Promise<Issuer[]> {
  const o = await new OpenAiStandIn().start();
  const r = await new OpenRouterStandIn().start();
  const a = await new AnthropicStandIn().start();
  const z = await new AzureStandIn().start();
  return [
    { name: 'openai', server: o, validKeys: () => o.validKeys(), spares: () => 0, project: () => llmProject({ provider: { type: 'openai', project: o.project, adminKey: 'admin' }, appVar: 'OPENAI_API_KEY', appKey: o.seedUserKey(), adminVar: 'OPENAI_ADMIN_KEY', adminValue: o.adminKey, baseUrls: { OPENAI: o.url } }) },
    { name: 'openrouter', server: r, validKeys: () => r.validKeys(), spares: () => 0, project: () => llmProject({ provider: { type: 'openrouter', managementKey: 'admin' }, appVar: 'OPENROUTER_API_KEY', appKey: r.seedKey(), adminVar: 'OPENROUTER_MANAGEMENT_KEY', adminValue: r.managementKey, baseUrls: { OPENROUTER: r.url } }) },
    { name: 'anthropic', server: a, validKeys: () => a.validKeys(), spares: () => 0, paste: () => a.issueKey('pasted'), unused: (k) => void ([...a.keys.values()].find((x) => x.value === k)!.status = 'inactive'), project: () => llmProject({ provider: { type: 'anthropic', adminKey: 'admin' }, appVar: 'ANTHROPIC_API_KEY', appKey: a.issueKey(), adminVar: 'ANTHROPIC_ADMIN_KEY', adminValue: a.adminKey, baseUrls: { ANTHROPIC: a.url } }) },
    {
      name: 'azure-openai', server: z, validKeys: () => z.validKeys(),
      // Azure always has two valid keys: the one apps do not use is held by no store by design.
      spares: (stored) => z.validKeys().filter((k) => !stored.has(k)).length,
      project: () => llmProject({ provider: { type: 'azure-openai', subscriptionId: z.subscriptionId, resourceGroup: z.resourceGroup, account: z.account, tenantId: z.tenantId, clientId: z.clientId, clientSecret: 'admin' }, appVar: 'AZURE_OPENAI_API_KEY', appKey: z.key1, adminVar: 'AZURE_CLIENT_SECRET', adminValue: z.clientSecret, baseUrls: { AZURE: z.url, AZURE_LOGIN: z.url, AZURE_OPENAI: z.url } }),
    },
  ];
}

async function stored(p: LlmProject): Promise<Set<string>> {
  const stages = new LocalStageStore(join(p.dir, '.rotation'));
  const out = new Set<string>();
  for (const v of [p.appKey(), await stages.get('app-key', 'pending'), await stages.get('app-key', 'previous'), await stages.get('app-key', 'current')]) if (v) out.add(v);
  return out;
}

describe(`fault injection for the LLM-key providers against their stand-ins: SIGKILL at each step, ${FAULTS}× each`, function () {
  this.timeout(120000 * FAULTS);
  let all: Issuer[] = [];
  const tally = new Map<string, { runs: number; resumes: number; withoutKey: number; orphans: number; orphanPoints: Set<string>; ms: number }>();
  before(async () => (all = await issuers()));
  after(async () => {
    await Promise.all(all.map((i) => i.server.stop()));
    for (const [name, t] of tally) process.stdout.write(`      ${name}: ${t.runs} kills, ${t.resumes} continued by --resume (the rest by a plain rotate), ${(t.ms / 1000).toFixed(1)} s, ${t.withoutKey} without a working key, ${t.orphans} keys valid at the issuer that no store holds right after continuing${t.orphanPoints.size ? ` (killed at ${[...t.orphanPoints].join(', ')})` : ''}\n`);
  });

  for (const name of ['openai', 'openrouter', 'anthropic', 'azure-openai']) {
    it(`${name} stand-in: killed at each of ${POINTS.length} points — a working key held throughout; continuing leaves no key that no store holds`, async () => {
      const i = all.find((x) => x.name === name)!;
      const t = { runs: 0, resumes: 0, withoutKey: 0, orphans: 0, orphanPoints: new Set<string>(), ms: 0 };
      const began = Date.now();
      tally.set(name, t);
      for (let round = 0; round < FAULTS; round++) {
        for (const [n, point] of POINTS.entries()) {
          // One stand-in serves every round: keys of earlier (finished) projects are not this one's.
          const others = new Set(i.name === 'azure-openai' ? [] : i.validKeys());
          const p = i.project();
          const mine = () => i.validKeys().filter((k) => !others.has(k));
          try {
            const t0 = Date.now();
            const pasted = i.paste?.();
            await killAt(p, ['rotate', 'app-key', '--trust', '--yes', ...(pasted ? ['--value-stdin'] : [])], point, pasted ? `${pasted}\n` : '');
            // The prompt comes inside `create`: a kill before it never read the pasted key.
            if (pasted && (point === 'begin:after' || point === 'create:before')) i.unused?.(pasted);
            if (process.env.FAULTS_TIMING) process.stdout.write(`kill ${point} ${Date.now() - t0} ms\n`);
            t.runs++;
            const held = await stored(p);
            if (![...held].some((v) => mine().includes(v))) t.withoutKey++;
            const viaResume = (n + round) % 2 === 0;
            if (viaResume) t.resumes++;
            // --resume never asks for a value; a plain rotate asks only when it starts anew.
            const input = i.paste && !viaResume ? i.paste() : undefined;
            const r = await runCli(p, ['rotate', 'app-key', ...(viaResume ? ['--resume'] : []), ...(input ? ['--value-stdin'] : [])], input ? `${input}\n` : '');
            if (input && !/create started/.test(r.stdout + r.stderr)) i.unused?.(input);
            if (process.env.FAULTS_TIMING) process.stdout.write(`continue ${point} ${Date.now() - t0} ms\n`);
            assert.match(r.stdout + r.stderr, /rotated|rolled-back/, `${point}: ${r.stdout}${r.stderr}`);
            const current = p.appKey()!;
            assert.ok(i.validKeys().includes(current), `${point}: the current key works after continuing`);
            // Right after continuing, before any further rotation: a key `create` made (or a person
            // pasted) that no store holds was revoked by the rollback or resume itself.
            const after = await stored(p);
            const orphans = mine().filter((k) => !after.has(k)).length - i.spares(after);
            if (orphans > 0) t.orphanPoints.add(point);
            t.orphans += Math.max(0, orphans);
          } finally {
            p.cleanup();
          }
        }
      }
      t.ms = Date.now() - began;
      assert.equal(t.withoutKey, 0, 'never without a working key');
      // Anthropic's pasted key is recorded by its id at create (never its value), so even a kill
      // between the paste and the store leaves the rollback what to disable.
      assert.equal(t.orphans, 0, `no key valid at the issuer that no store holds (killed at ${[...t.orphanPoints].join(', ')})`);
    });
  }
});

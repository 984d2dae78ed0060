/**
 * Binds each provider type of definitions.ts to its driver: how a merged policy spec becomes a
 * RotationProvider, and the login check of its verification type when it brings one. The mapped
 * type makes a provider listed without a driver (or a driver without a listing) a compile error.
 */
import { parseDuration } from '../../policy/model/duration';
import { commandProvider } from './command/provider';
import { generateProvider } from './generate/provider';
import { httpProvider } from './http/provider';
import { manualProvider } from './manual/provider';
import { mariadbLogin, mariadbProvider } from './mariadb/provider';
import { pgLogin, postgresProvider } from './postgres/provider';
import { redisLogin, redisProvider } from './redis/provider';
import { openAiProvider } from './openai/provider';
import { openRouterProvider } from './openrouter/provider';
import { anthropicProvider } from './anthropic/provider';
import { azureOpenAiProvider } from './azure-openai/provider';
import { awsIamProvider } from './aws-iam/provider';
import { checkAwsCredential } from './aws-iam/check';
import { awsBedrockProvider, checkBedrockKey } from './aws-bedrock/provider';
import { geminiProvider } from './gemini/provider';
import type { ProviderType } from './definitions';
import { ProviderError, type CheckContext, type CheckResult, type RotationProvider } from './types';

export type Spec = { type: string; [k: string]: unknown };

export interface ProviderDriver {
  create(spec: Spec): RotationProvider;
  /** The login check behind the verification type of the same name. */
  check?(spec: Spec, value: string, ctx: CheckContext): Promise<CheckResult>;
}

export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const ms = (v: unknown): number | undefined => (typeof v === 'string' ? parseDuration(v) : num(v));
const filled = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const portOf = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Verification fields fall back to the provider's own (host, port, user) when it is of the same type. */
function loginTarget(spec: Spec, ctx: CheckContext, defaultPort: number, userField: string) {
  const p: Record<string, unknown> = ctx.provider?.type === spec.type ? ctx.provider : {};
  return {
    p,
    host: filled(spec.host) ?? filled(p.host) ?? '127.0.0.1',
    port: portOf(spec.port) ?? portOf(p.port) ?? defaultPort,
    user: ctx.user ?? filled(spec.user) ?? filled(p[userField]),
  };
}

export const DRIVERS: { [K in ProviderType]: ProviderDriver } = {
  generate: { create: (s) => generateProvider({ length: num(s.length), alphabet: s.alphabet as never, encoding: s.encoding as never, prefix: str(s.prefix) }) },
  postgres: {
    create: (s) => postgresProvider({ host: str(s.host), port: num(s.port), database: str(s.database), role: str(s.role), alternateRole: str(s.alternateRole), adminConnection: str(s.adminConnection), length: num(s.length) }),
    async check(spec, value, ctx) {
      const { p, host, port, user } = loginTarget(spec, ctx, 5432, 'role');
      const database = filled(spec.database) ?? filled(p.database) ?? 'postgres';
      if (!user) return { status: 'error', detail: 'postgres verification needs `user` (or the provider `role`)' };
      return pgLogin({ host, port, database, user, password: value });
    },
  },
  mariadb: {
    create: (s) => mariadbProvider({ host: str(s.host), port: num(s.port), database: str(s.database), user: str(s.user), alternateUser: str(s.alternateUser), userHost: str(s.userHost), adminConnection: str(s.adminConnection), length: num(s.length) }),
    async check(spec, value, ctx) {
      const { p, host, port, user } = loginTarget(spec, ctx, 3306, 'user');
      if (!user) return { status: 'error', detail: 'mariadb verification needs `user` (or the provider `user`)' };
      return mariadbLogin({ host, port, user, password: value, database: filled(p.database) });
    },
  },
  redis: {
    create: (s) => redisProvider({ host: str(s.host), port: num(s.port), user: str(s.user), adminConnection: str(s.adminConnection), length: num(s.length) }),
    async check(spec, value, ctx) {
      const { host, port, user } = loginTarget(spec, ctx, 6379, 'user');
      if (!user) return { status: 'error', detail: 'redis verification needs `user` (or the provider `user`)' };
      return redisLogin({ host, port, user, password: value });
    },
  },
  command: {
    create: (s) => commandProvider({ command: str(s.command), args: strings(s.args), timeoutMs: ms(s.timeout), revoke: obj(s.revoke) && { command: str(obj(s.revoke)!.command), args: strings(obj(s.revoke)!.args) } }),
  },
  http: {
    create: (s) =>
      httpProvider({
        url: str(s.url),
        method: s.method as never,
        headers: s.headers as Record<string, string> | undefined,
        responsePath: str(s.responsePath),
        timeoutMs: ms(s.timeout),
        revoke: obj(s.revoke) && { url: str(obj(s.revoke)!.url), method: obj(s.revoke)!.method as never, headers: obj(s.revoke)!.headers as Record<string, string> | undefined },
      }),
  },
  manual: { create: (s) => manualProvider({ url: str(s.url), instructions: str(s.instructions) }) },
  openai: { create: (s) => openAiProvider({ project: str(s.project), adminKey: str(s.adminKey), serviceAccountName: str(s.serviceAccountName), timeoutMs: ms(s.timeout) }) },
  openrouter: { create: (s) => openRouterProvider({ managementKey: str(s.managementKey), name: str(s.name), limit: num(s.limit), timeoutMs: ms(s.timeout) }) },
  anthropic: { create: (s) => anthropicProvider({ adminKey: str(s.adminKey), url: str(s.url), instructions: str(s.instructions), workspaceId: str(s.workspaceId), timeoutMs: ms(s.timeout) }) },
  'azure-openai': {
    create: (s) =>
      azureOpenAiProvider({ subscriptionId: str(s.subscriptionId), resourceGroup: str(s.resourceGroup), account: str(s.account), tenantId: str(s.tenantId), clientId: str(s.clientId), clientSecret: str(s.clientSecret), timeoutMs: ms(s.timeout) }),
  },
  'aws-iam': {
    create: (s) => awsIamProvider({ userName: str(s.userName), adminConnection: str(s.adminConnection), region: str(s.region), inactiveKey: s.inactiveKey === 'delete' ? 'delete' : 'refuse' }),
    check: (spec, value, ctx) => checkAwsCredential(value, ctx.env, str(spec.region) ?? str(ctx.provider?.region)),
  },
  'aws-bedrock': {
    create: (s) => awsBedrockProvider({ userName: str(s.userName), adminConnection: str(s.adminConnection), region: str(s.region), credentialAgeDays: num(s.credentialAgeDays), inactiveKey: s.inactiveKey === 'delete' ? 'delete' : 'refuse' }),
    check: (spec, value, ctx) => checkBedrockKey(value, ctx.env, str(spec.region) ?? str(ctx.provider?.region)),
  },
  gemini: { create: (s) => geminiProvider({ project: str(s.project), adminConnection: str(s.adminConnection), displayName: str(s.displayName) }) },
};

const drivers = DRIVERS as Record<string, ProviderDriver | undefined>;

/** Builds a provider from a policy provider spec (already merged with the secret's `params`). */
export function createProvider(spec: Spec): RotationProvider {
  const driver = drivers[spec.type];
  if (!driver) throw new ProviderError('provider/unknown', `unknown rotation provider type "${spec.type}"`);
  return driver.create(spec);
}

/** The login check of a provider-brought verification type (postgres, mariadb, redis), if `type` is one. */
export function providerCheck(type: string): ProviderDriver['check'] {
  return drivers[type]?.check;
}

import { parseDuration } from '../../policy/duration';
import { commandProvider } from './command';
import { generateProvider } from './generate';
import { httpProvider } from './http';
import { manualProvider } from './manual';
import { postgresProvider } from './postgres';
import { mariadbProvider } from './mariadb';
import { redisProvider } from './redis';
import { awsIamProvider } from './aws-iam';
import { awsBedrockProvider } from './aws-bedrock';
import { geminiProvider } from './gemini';
import { ProviderError, type RotationProvider } from './types';

export * from './types';
export { generateSecret, ALPHABETS, type GenerateOptions } from './generate';
export { scramSha256Verifier, scramKeys } from './scram';
export { pgLogin, type LoginStatus } from './postgres';
export { mariadbLogin, mysqlNativePasswordHash } from './mariadb';
export { redisLogin, redisPasswordHash } from './redis';
export { runUserCommand } from './run-command';
export { fillTemplate, jsonPointer } from './http';

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const ms = (v: unknown): number | undefined => (typeof v === 'string' ? parseDuration(v) : num(v));

/**
 * Builds a provider from a policy provider spec (already merged with the secret's `params`).
 * Adding a provider: write it next to these, then add its `type` here (docs/rotation.md).
 */
export function createProvider(spec: { type: string; [k: string]: unknown }): RotationProvider {
  switch (spec.type) {
    case 'generate':
      return generateProvider({ length: num(spec.length), alphabet: spec.alphabet as never, encoding: spec.encoding as never, prefix: str(spec.prefix) });
    case 'postgres':
      return postgresProvider({ host: str(spec.host), port: num(spec.port), database: str(spec.database), role: str(spec.role), alternateRole: str(spec.alternateRole), adminConnection: str(spec.adminConnection), length: num(spec.length) });
    case 'mariadb':
      return mariadbProvider({ host: str(spec.host), port: num(spec.port), database: str(spec.database), user: str(spec.user), alternateUser: str(spec.alternateUser), userHost: str(spec.userHost), adminConnection: str(spec.adminConnection), length: num(spec.length) });
    case 'redis':
      return redisProvider({ host: str(spec.host), port: num(spec.port), user: str(spec.user), adminConnection: str(spec.adminConnection), length: num(spec.length) });
    case 'command':
      return commandProvider({ command: str(spec.command), args: strings(spec.args), timeoutMs: ms(spec.timeout), revoke: obj(spec.revoke) && { command: str(obj(spec.revoke)!.command), args: strings(obj(spec.revoke)!.args) } });
    case 'http':
      return httpProvider({
        url: str(spec.url),
        method: spec.method as never,
        headers: spec.headers as Record<string, string> | undefined,
        responsePath: str(spec.responsePath),
        timeoutMs: ms(spec.timeout),
        revoke: obj(spec.revoke) && { url: str(obj(spec.revoke)!.url), method: obj(spec.revoke)!.method as never, headers: obj(spec.revoke)!.headers as Record<string, string> | undefined },
      });
    case 'manual':
      return manualProvider({ url: str(spec.url), instructions: str(spec.instructions) });
    case 'aws-iam':
      return awsIamProvider({ userName: str(spec.userName), adminConnection: str(spec.adminConnection), region: str(spec.region), inactiveKey: spec.inactiveKey === 'delete' ? 'delete' : 'refuse' });
    case 'aws-bedrock':
      return awsBedrockProvider({ userName: str(spec.userName), adminConnection: str(spec.adminConnection), region: str(spec.region), credentialAgeDays: num(spec.credentialAgeDays), inactiveKey: spec.inactiveKey === 'delete' ? 'delete' : 'refuse' });
    case 'gemini':
      return geminiProvider({ project: str(spec.project), adminConnection: str(spec.adminConnection), displayName: str(spec.displayName) });
    default:
      throw new ProviderError('provider/unknown', `unknown rotation provider type "${spec.type}"`);
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomChars } from '../fake-keys';
import { SecretsManagerStandIn } from './aws-secrets-manager';
import { verifySigV4 } from './aws-sigv4';
import { RawStandIn } from './server';

/**
 * A stand-in for the AWS APIs the aws-iam and aws-bedrock providers and the Secrets Manager store
 * call, built from AWS's documentation (no AWS emulator can be installed here), driven by the real
 * AWS SDK v3 clients through ROTATION_GUARD_AWS_BASE_URL. One HTTP server answers:
 *
 * - IAM and STS, Query protocol: form-encoded POST with `Action` and `Version` (2010-05-08 /
 *   2011-06-15), XML `<ActionResponse><ActionResult>…` answers and `<ErrorResponse><Error>` errors.
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServiceSpecificCredential.html
 *   https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-responses.html (Query error shape)
 * - Secrets Manager, JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Op>`): see aws-secrets-manager.ts.
 * - Bedrock's control plane with a long-term API key as a bearer token (GET /foundation-models).
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
 *
 * Every SigV4 request is checked against the credentials the stand-in issued: a wrong secret is
 * SignatureDoesNotMatch (403), an unknown or inactive key InvalidClientTokenId (403).
 */
export const ACCOUNT = '123456789012';

export interface IamKey {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

export interface ServiceCredential {
  id: string;
  userName: string;
  serviceName: string;
  alias: string;
  secret: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  expirationDate?: Date;
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, body: string): string => `<${name}>${body}</${name}>`;
const leaf = (name: string, v: string | undefined): string => (v === undefined ? '' : el(name, xmlEscape(v)));
const NS = { iam: 'https://iam.amazonaws.com/doc/2010-05-08/', sts: 'https://sts.amazonaws.com/doc/2011-06-15/' };

class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class AwsStandIn extends RawStandIn {
  readonly keys = new Map<string, IamKey>();
  readonly serviceCredentials = new Map<string, ServiceCredential>();
  readonly users = new Set<string>();
  readonly requests: Array<{ service: string; action: string; accessKeyId?: string; status: number }> = [];
  readonly secretsManager = new SecretsManagerStandIn();
  /** False: keys made by CreateAccessKey are never accepted (a new key that does not work). */
  acceptNewKeys = true;
  private readonly madeByApi = new Set<string>();
  /** Answers the next call of an action with this error (throttling, a 500), once each. */
  readonly failNext = new Map<string, { status: number; code: string }>();
  /** An IAM user with one active key (what an admin or an app starts with). */
  addUser(userName: string): IamKey {
    this.users.add(userName);
    return this.issueKey(userName);
  }

  issueKey(userName: string): IamKey {
    const key: IamKey = { accessKeyId: `AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, secretAccessKey: randomChars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), userName, status: 'Active', createDate: new Date() };
    this.keys.set(key.accessKeyId, key);
    return key;
  }

  keysOf(userName: string): IamKey[] {
    return [...this.keys.values()].filter((k) => k.userName === userName);
  }

  activeServiceCredentials(userName: string, serviceName: string): ServiceCredential[] {
    return [...this.serviceCredentials.values()].filter((c) => c.userName === userName && c.serviceName === serviceName && c.status === 'Active');
  }

  protected fail(_req: IncomingMessage, res: ServerResponse, err: Error): void {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`stand-in: ${err.message}`);
  }

  private secretFor = (accessKeyId: string): string | undefined => {
    const k = this.keys.get(accessKeyId);
    return k && k.status === 'Active' && (this.acceptNewKeys || !this.madeByApi.has(accessKeyId)) ? k.secretAccessKey : undefined;
  };

  protected async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    if (req.method === 'GET' && req.url?.startsWith('/foundation-models')) return this.bedrockList(req, res);
    const target = req.headers['x-amz-target'];
    const isJson = typeof target === 'string';
    const sig = verifySigV4({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, this.secretFor);
    const service = sig.parsed?.service ?? (isJson ? 'secretsmanager' : 'unknown');
    if (isJson) {
      const op = target.replace(/^secretsmanager\./, '');
      if (!sig.ok) {
        // JSON protocol errors: `__type` in the body (InvalidSignatureException for a bad signature).
        const type = sig.code === 'SignatureDoesNotMatch' ? 'InvalidSignatureException' : sig.code === 'InvalidClientTokenId' ? 'UnrecognizedClientException' : 'MissingAuthenticationTokenException';
        return this.json(res, 400, { __type: type, message: sig.message }, service, op, sig.parsed?.accessKeyId);
      }
      const r = this.secretsManager.handle(op, JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>);
      return this.json(res, r.status, r.body, service, op, sig.parsed.accessKeyId);
    }
    const form = new URLSearchParams(body.toString('utf8'));
    const action = form.get('Action') ?? '';
    try {
      if (!sig.ok) throw new QueryError(sig.code === 'MissingAuthenticationToken' ? 403 : sig.code === 'IncompleteSignature' ? 400 : 403, sig.code, sig.message);
      const injected = this.failNext.get(action);
      if (injected) {
        this.failNext.delete(action);
        throw new QueryError(injected.status, injected.code, `injected ${injected.code}`);
      }
      const caller = this.keys.get(sig.parsed.accessKeyId)!;
      const ns = service === 'sts' ? NS.sts : NS.iam;
      const version = form.get('Version');
      if (version !== (service === 'sts' ? '2011-06-15' : '2010-05-08')) throw new QueryError(400, 'InvalidParameterValue', `unsupported Version ${version}`);
      const result = service === 'sts' ? this.sts(action, caller) : this.iam(action, form, caller);
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ns}">${result === undefined ? '' : el(`${action}Result`, result)}${el('ResponseMetadata', leaf('RequestId', randomUUID()))}</${action}Response>`;
      this.requests.push({ service, action, accessKeyId: sig.parsed.accessKeyId, status: 200 });
      res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }).end(xml);
    } catch (err) {
      const e = err instanceof QueryError ? err : new QueryError(500, 'ServiceFailure', (err as Error).message);
      this.requests.push({ service, action, accessKeyId: sig.parsed?.accessKeyId, status: e.status });
      const ns = service === 'sts' ? NS.sts : NS.iam;
      const xml = `<ErrorResponse xmlns="${ns}">${el('Error', leaf('Type', e.status >= 500 ? 'Receiver' : 'Sender') + leaf('Code', e.code) + leaf('Message', e.message))}${leaf('RequestId', randomUUID())}</ErrorResponse>`;
      res.writeHead(e.status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }).end(xml);
    }
  }

  private json(res: ServerResponse, status: number, body: unknown, service: string, action: string, accessKeyId?: string): void {
    this.requests.push({ service, action, accessKeyId, status });
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() }).end(JSON.stringify(body));
  }

  private sts(action: string, caller: IamKey): string {
    if (action !== 'GetCallerIdentity') throw new QueryError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
    return leaf('Arn', `arn:aws:iam::${ACCOUNT}:user/${caller.userName}`) + leaf('UserId', `AIDA${caller.userName.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(17, 'X').slice(0, 17)}`) + leaf('Account', ACCOUNT);
  }

  private user(form: URLSearchParams, caller: IamKey): string {
    // "If you do not specify a user name, IAM determines the user name implicitly based on the
    // access key ID signing the request."
    const name = form.get('UserName') ?? caller.userName;
    if (!this.users.has(name)) throw new QueryError(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
    return name;
  }

  private key(form: URLSearchParams, userName: string): IamKey {
    const id = form.get('AccessKeyId') ?? '';
    const k = this.keys.get(id);
    if (!k || k.userName !== userName) throw new QueryError(404, 'NoSuchEntity', `The Access Key with id ${id.slice(0, 4)}… cannot be found.`);
    return k;
  }

  private iam(action: string, form: URLSearchParams, caller: IamKey): string | undefined {
    const keyXml = (k: IamKey, withSecret: boolean) => leaf('UserName', k.userName) + leaf('AccessKeyId', k.accessKeyId) + leaf('Status', k.status) + (withSecret ? leaf('SecretAccessKey', k.secretAccessKey) : '') + leaf('CreateDate', k.createDate.toISOString());
    const credXml = (c: ServiceCredential, withSecret: boolean) =>
      leaf('CreateDate', c.createDate.toISOString()) + leaf('ExpirationDate', c.expirationDate?.toISOString()) + leaf('ServiceName', c.serviceName) + leaf('ServiceCredentialAlias', c.alias) + (withSecret ? leaf('ServiceCredentialSecret', c.secret) : '') + leaf('ServiceSpecificCredentialId', c.id) + leaf('UserName', c.userName) + leaf('Status', c.status);
    switch (action) {
      case 'CreateAccessKey': {
        const user = this.user(form, caller);
        // "IAM users can have a maximum of two access keys" (IAM and AWS STS quotas).
        if (this.keysOf(user).length >= 2) throw new QueryError(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
        const created = this.issueKey(user);
        this.madeByApi.add(created.accessKeyId);
        return el('AccessKey', keyXml(created, true));
      }
      case 'ListAccessKeys': {
        const user = this.user(form, caller);
        return el('AccessKeyMetadata', this.keysOf(user).map((k) => el('member', keyXml(k, false))).join('')) + leaf('IsTruncated', 'false');
      }
      case 'UpdateAccessKey': {
        const k = this.key(form, this.user(form, caller));
        const status = form.get('Status');
        if (status !== 'Active' && status !== 'Inactive') throw new QueryError(400, 'ValidationError', `Status must be Active or Inactive`);
        k.status = status;
        return undefined;
      }
      case 'DeleteAccessKey':
        this.keys.delete(this.key(form, this.user(form, caller)).accessKeyId);
        return undefined;
      case 'CreateServiceSpecificCredential': {
        const user = this.user(form, caller);
        const serviceName = form.get('ServiceName') ?? '';
        if (!['bedrock.amazonaws.com', 'codecommit.amazonaws.com', 'cassandra.amazonaws.com'].includes(serviceName)) throw new QueryError(400, 'NotSupportedService', `${serviceName} is not supported for service-specific credentials`);
        // "You can have a maximum of two sets of service-specific credentials for each supported service per user."
        if ([...this.serviceCredentials.values()].filter((c) => c.userName === user && c.serviceName === serviceName).length >= 2) throw new QueryError(409, 'LimitExceeded', 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2');
        const days = form.get('CredentialAgeDays');
        const id = `ACCA${randomChars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
        const alias = `${user}-at-${ACCOUNT}`;
        const c: ServiceCredential = { id, userName: user, serviceName, alias, secret: `${Buffer.from(`${alias}:${randomBytes(30).toString('base64')}`).toString('base64')}`, status: 'Active', createDate: new Date(), ...(days ? { expirationDate: new Date(Date.now() + Number(days) * 86400000) } : {}) };
        this.serviceCredentials.set(id, c);
        return el('ServiceSpecificCredential', credXml(c, true));
      }
      case 'ListServiceSpecificCredentials': {
        const user = this.user(form, caller);
        const serviceName = form.get('ServiceName');
        const list = [...this.serviceCredentials.values()].filter((c) => c.userName === user && (!serviceName || c.serviceName === serviceName));
        return el('ServiceSpecificCredentials', list.map((c) => el('member', credXml(c, false))).join('')) + leaf('IsTruncated', 'false');
      }
      case 'UpdateServiceSpecificCredential':
      case 'DeleteServiceSpecificCredential': {
        const user = this.user(form, caller);
        const id = form.get('ServiceSpecificCredentialId') ?? '';
        const c = this.serviceCredentials.get(id);
        if (!c || c.userName !== user) throw new QueryError(404, 'NoSuchEntity', `The service-specific credential ${id.slice(0, 4)}… cannot be found.`);
        if (action === 'DeleteServiceSpecificCredential') this.serviceCredentials.delete(id);
        else c.status = form.get('Status') === 'Inactive' ? 'Inactive' : 'Active';
        return undefined;
      }
      default:
        throw new QueryError(400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
    }
  }

  /** Bedrock ListFoundationModels with `Authorization: Bearer <API key>`. */
  private bedrockList(req: IncomingMessage, res: ServerResponse): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cred = token ? [...this.serviceCredentials.values()].find((c) => c.secret === token) : undefined;
    const ok = !!cred && cred.status === 'Active' && cred.serviceName === 'bedrock.amazonaws.com' && (!cred.expirationDate || cred.expirationDate.getTime() > Date.now());
    this.requests.push({ service: 'bedrock', action: 'ListFoundationModels', status: ok ? 200 : 403 });
    if (ok) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ modelSummaries: [] }));
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }).end(JSON.stringify({ message: 'Authentication failed' }));
  }
}

export async function startAwsStandIn(): Promise<AwsStandIn> {
  return new AwsStandIn().start();
}

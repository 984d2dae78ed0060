import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way AWS does: rebuild the canonical
 * request from what arrived, derive the signing key from the secret the stand-in holds, compare.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export interface SigV4Parsed {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export type SigV4Result = { ok: true; parsed: SigV4Parsed } | { ok: false; code: 'MissingAuthenticationToken' | 'IncompleteSignature' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch'; message: string; parsed?: SigV4Parsed };

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export function parseAuthorization(header: string | undefined): SigV4Parsed | undefined {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';'), signature: m[6]! };
}

/** RFC 3986 encoding as SigV4 wants it (unreserved characters stay, everything else %XX upper case). */
const encode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(search: string): string {
  const pairs = [...new URLSearchParams(search)].map(([k, v]) => [encode(k), encode(v)] as const);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  const joined = Array.isArray(v) ? v.join(',') : (v ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

/**
 * `secretFor` answers the secret of an access key id the stand-in knows and accepts (undefined:
 * unknown or inactive, which AWS reports as InvalidClientTokenId).
 */
export function verifySigV4(req: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }, secretFor: (accessKeyId: string) => string | undefined): SigV4Result {
  const header = req.headers.authorization;
  if (!header) return { ok: false, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
  const parsed = parseAuthorization(header);
  if (!parsed) return { ok: false, code: 'IncompleteSignature', message: 'Authorization header requires Credential, SignedHeaders and Signature' };
  const secret = secretFor(parsed.accessKeyId);
  if (secret === undefined) return { ok: false, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', parsed };
  const amzDate = headerValue(req.headers, 'x-amz-date');
  if (!parsed.signedHeaders.includes('host') || !amzDate.startsWith(parsed.date)) return { ok: false, code: 'IncompleteSignature', message: 'host must be signed and X-Amz-Date must match the credential scope', parsed };
  const url = new URL(req.url, 'http://stand-in');
  const payloadHash = sha256(req.body);
  const declared = headerValue(req.headers, 'x-amz-content-sha256');
  if (declared && declared !== payloadHash && declared !== 'UNSIGNED-PAYLOAD') return { ok: false, code: 'SignatureDoesNotMatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.', parsed };
  const canonical = [
    req.method,
    url.pathname.split('/').map((seg) => encode(decodeURIComponent(seg))).join('/') || '/',
    canonicalQuery(url.search),
    parsed.signedHeaders.map((h) => `${h}:${headerValue(req.headers, h)}\n`).join(''),
    parsed.signedHeaders.join(';'),
    declared || payloadHash,
  ].join('\n');
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, parsed.date), parsed.region), parsed.service), 'aws4_request');
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const got = Buffer.from(parsed.signature);
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) {
    return { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.', parsed };
  }
  return { ok: true, parsed };
}

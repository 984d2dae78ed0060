import type { RawMatch } from '../report/raw-match';
import { matchAll } from '../rules/engine';

/**
 * A value under a Kubernetes Secret's `data:` is base64 of what `stringData:` would hold in plain
 * text, so it is judged as that: the decoded text goes through the same judgement the scanner gives
 * the key and value in plain YAML (generic names and values, URLs with passwords, weak defaults,
 * placeholders, provider formats), and a finding there is reported at the encoded value. A
 * decoded `docsgpt` under `LLM_PROVIDER` or a Redis URL without a password is no secret in either
 * form; `postgresql://docsgpt:docsgpt@…` is a weak default in either. Bytes that are not text
 * (a random key) cannot be written under `stringData:` and stay reported as a Secret's value.
 */
export function judgeSecretData(name: string, encoded: string, path: string): RawMatch | null {
  const text = decodeText(encoded);
  if (text === null) return isPublicKeyDer(encoded) ? null : secretValueMatch(0, 0);
  const { yaml, from, to } = asStringData(name, text);
  let best: RawMatch | null = null;
  for (const m of matchAll(yaml, path)) {
    if (m.end <= from || m.start >= to) continue;
    if (!best || m.confidence > best.confidence) best = m;
  }
  if (!best) return null;
  // The generic detector's finding is the Secret's value under its name; a provider format, a
  // private key or a weak default keeps its own rule (it says what the value is).
  // The incident is the decoded value's (the password of a URL, the value under its name).
  const incidentValue = yaml.slice(best.start, best.end);
  return GENERIC.has(best.ruleId) ? { ...secretValueMatch(0, 0), confidence: best.confidence, incidentValue } : { ...best, priority: 1, incidentValue };
}

const GENERIC = new Set(['secret/generic-api-key', 'secret/hardcoded-password']);

/**
 * Bytes that are a public key in DER (a `key.pub` file as a Secret's data): X.509's
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), a SEQUENCE of the algorithm's SEQUENCE (its OID first)
 * and a BIT STRING, filling the value. A private key's DER opens with a version INTEGER instead
 * (PKCS#1, PKCS#8, SEC1), so it stays reported.
 */
function isPublicKeyDer(encoded: string): boolean {
  const der = Buffer.from(encoded, 'base64');
  const outer = derHeader(der, 0, 0x30);
  if (!outer || outer.end !== der.length) return false;
  const algorithm = derHeader(der, outer.body, 0x30);
  if (!algorithm || der[algorithm.body] !== 0x06) return false;
  const key = derHeader(der, algorithm.end, 0x03);
  return key !== null && key.end === der.length;
}

/** A DER element of the given tag at `at`: where its contents start and where it ends, or null. */
function derHeader(der: Buffer, at: number, tag: number): { body: number; end: number } | null {
  if (der[at] !== tag || at + 1 >= der.length) return null;
  const first = der[at + 1]!;
  if (first < 0x80) return { body: at + 2, end: at + 2 + first };
  const n = first & 0x7f;
  if (n < 1 || n > 3 || at + 2 + n > der.length) return null;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + der[at + 2 + i]!;
  return { body: at + 2 + n, end: at + 2 + n + length };
}

/** UTF-8 text without control characters but line breaks and tabs, or null for other bytes. */
export function decodeText(encoded: string): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text.replace(/\r?\n$/, '');
}

/** The manifest lines `stringData:` would hold: one scalar, or a literal block for several lines. */
function asStringData(name: string, text: string): { yaml: string; from: number; to: number } {
  const head = 'stringData:\n  ';
  if (!text.includes('\n')) {
    const scalar = text.includes("'") ? JSON.stringify(text) : `'${text}'`;
    const from = head.length + name.length + 2;
    return { yaml: `${head}${name}: ${scalar}\n`, from, to: from + scalar.length };
  }
  const prefix = `${head}${name}: |\n`;
  const body = text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return { yaml: `${prefix}${body}\n`, from: prefix.length, to: prefix.length + body.length };
}

/** The finding for a Secret's value as such. */
export function secretValueMatch(start: number, end: number): RawMatch {
  return {
    ruleId: 'secret/kubernetes-secret',
    title: 'value of a Kubernetes Secret',
    severity: 'error',
    hint: 'Keep Secret manifests out of the repository (Sealed Secrets, SOPS, External Secrets) and rotate the value.',
    start,
    end,
    confidence: 0.8,
    priority: 1,
  };
}

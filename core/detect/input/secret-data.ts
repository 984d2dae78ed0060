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
  if (text === null) return secretValueMatch(0, 0);
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

/** UTF-8 text without control characters but line breaks and tabs, or null for other bytes. */
function decodeText(encoded: string): string | null {
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

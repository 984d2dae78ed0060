import { rule } from '../rule';
import type { RuleSamples } from '../samples';

const PEM_HEAD = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----/y;

/** A PEM private key block; the body must hold enough base64 to be a key, not a placeholder. */
function scanPem(text: string, at: number): { start: number; end: number; confidence: number } | null {
  PEM_HEAD.lastIndex = at;
  const head = PEM_HEAD.exec(text);
  if (!head) return null;
  let i = at + head[0].length;
  const limit = Math.min(text.length, i + 64 * 1024);
  let b64 = 0;
  let end = -1;
  while (i < limit) {
    if (text.startsWith('-----END', i)) {
      const close = text.indexOf('-----', i + 8);
      end = close >= 0 && close - i < 80 ? close + 5 : i;
      break;
    }
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61) b64++;
    else if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) i++; // JSON-escaped line break
    else if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 34 && c !== 39 && c !== 44 && c !== 58 && c !== 45) {
      if (b64 < 40) return null; // prose or a placeholder, not a key body
      break;
    }
    i++;
  }
  if (b64 < 40) return null;
  return { start: at, end: end >= 0 ? end : i, confidence: end >= 0 ? 0.97 : 0.8 };
}

export const privateKey = rule({
  id: 'secret/private-key',
  title: 'private key',
  hint: 'Remove the key, store it in a secret store or key vault, and replace it: private keys in files are compromised.',
  anchors: ['-----BEGIN '],
  scan: scanPem,
  keepPlaceholders: true,
});

export const samples: RuleSamples = {
  true: [{ in: '-----BEGIN RSA PRIVATE KEY-----\n{value}\n-----END RSA PRIVATE KEY-----', shape: '(?:[A-Za-z0-9+/]{64}\\n){4}[A-Za-z0-9+/]{20}==' }],
  false: ['-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----', '-----BEGIN PUBLIC KEY-----', 'if (pem.startsWith("-----BEGIN ")) {'],
};

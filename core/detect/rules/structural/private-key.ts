import { rule } from '../rule';
import type { RuleSamples } from '../samples';

const PEM_HEAD = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----/y;

/**
 * A key needs its body: a header alone (one string in a list of headers a test iterates over) is
 * not a key, nor is a header followed by prose or code. A body is base64 wrapped in lines of 64
 * (PKCS#8, PKCS#1, PGP) or 70 (OpenSSH) characters, so at least one unbroken run of this many
 * base64 characters must follow the header; a line break (real or an escaped `\n`), a quote or a
 * space ends a run, and the words of prose or code never make one this long.
 */
const BODY_LINE = 32;

/** A PEM private key block; the body must hold enough base64 to be a key, not a placeholder. */
function scanPem(text: string, at: number): { start: number; end: number; confidence: number } | null {
  PEM_HEAD.lastIndex = at;
  const head = PEM_HEAD.exec(text);
  if (!head) return null;
  let i = at + head[0].length;
  const limit = Math.min(text.length, i + 64 * 1024);
  let b64 = 0;
  let run = 0;
  let longest = 0;
  let end = -1;
  while (i < limit) {
    if (text.startsWith('-----END', i)) {
      const close = text.indexOf('-----', i + 8);
      end = close >= 0 && close - i < 80 ? close + 5 : i;
      break;
    }
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61) {
      b64++;
      if (++run > longest) longest = run;
      i++;
      continue;
    }
    run = 0;
    if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) i++; // JSON-escaped line break
    else if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 34 && c !== 39 && c !== 44 && c !== 58 && c !== 45) {
      if (b64 < 40) return null; // prose or a placeholder, not a key body
      break;
    }
    i++;
  }
  if (b64 < 40 || longest < BODY_LINE) return null;
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
  true: [
    { in: '-----BEGIN RSA PRIVATE KEY-----\n{value}\n-----END RSA PRIVATE KEY-----', shape: '(?:[A-Za-z0-9+/]{64}\\n){4}[A-Za-z0-9+/]{20}==' },
    // The one-line form of a service-account JSON file: escaped line breaks between body lines.
    { in: '{"private_key": "-----BEGIN PRIVATE KEY-----\\n{value}\\n-----END PRIVATE KEY-----\\n"}', shape: '(?:[A-Za-z0-9+/]{64}\\\\n){4}[A-Za-z0-9+/]{20}==', path: 'sa.json' },
    // No END line (a truncated paste): the body alone makes it a key.
    { in: 'key = """-----BEGIN OPENSSH PRIVATE KEY-----\n{value}', shape: '(?:[A-Za-z0-9+/]{70}\\n){3}' },
  ],
  false: [
    '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
    '-----BEGIN PUBLIC KEY-----',
    'if (pem.startsWith("-----BEGIN ")) {',
    // Headers alone, one per string, as a test lists them: the words of the next ones are no body.
    {
      text: '    [\n        "-----BEGIN PRIVATE KEY-----",\n        "-----BEGIN ENCRYPTED PRIVATE KEY-----",\n        "-----BEGIN DSA PRIVATE KEY-----",\n        "-----BEGIN PGP PRIVATE KEY BLOCK-----",\n    ],',
      path: 'tests/test_checks.py',
    },
    'HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----" then the armored body of the key follows in the input stream here',
  ],
};

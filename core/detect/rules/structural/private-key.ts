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
  if (isExcerptOfDer(text, at + head[0].length, b64, i)) return null;
  return { start: at, end: end >= 0 ? end : i, confidence: end >= 0 ? 0.97 : 0.8 };
}

/**
 * An excerpt a reference shows (`-----BEGIN RSA PRIVATE KEY-----MIIEpQIBAAKCAQEA…. -----END…`): the body
 * stops at an elision mark (a period or an ellipsis, which base64 never holds) with the END line a few
 * characters on, and holds under half of what it declares. PKCS#1 and PKCS#8 bodies are the base64 of
 * one DER SEQUENCE, whose first bytes state its length (`MIIEpQ…` is 30 82 04 a5: 1,189 bytes, about
 * 1,590 characters). A short body closed without a mark, and a body cut off without an END line (a
 * truncated paste), stay keys.
 */
function isExcerptOfDer(text: string, bodyStart: number, b64: number, stop: number): boolean {
  const gap = text.slice(stop, stop + 16);
  const close = gap.indexOf('-----END');
  if (close < 0 || !/[.\u2026]/.test(gap.slice(0, close))) return false;
  const opening = text.slice(bodyStart, bodyStart + 40).replace(/\\[nr]/g, '').replace(/[^A-Za-z0-9+/]/g, '').slice(0, 8);
  if (opening.length < 8) return false;
  const der = Buffer.from(opening, 'base64');
  if (der[0] !== 0x30) return false;
  const n = der[1]!;
  const total = n === 0x82 ? 4 + ((der[2]! << 8) | der[3]!) : n === 0x81 ? 3 + der[2]! : n < 0x80 ? 2 + n : 0;
  return total > 0 && b64 * 2 < Math.ceil(total / 3) * 4;
}

/**
 * A private key written without its PEM armour (`"privateKey": "MIICXAIBAAKBgQ…"` in a Keycloak realm
 * export, a Java `PKCS8EncodedKeySpec` string): the base64 of its DER. That encoding opens the same
 * way for every key of a kind: a SEQUENCE, then version 0 and the RSA modulus (PKCS#1), or version 0
 * and the algorithm's identifier (PKCS#8, RSA or EC), or version 1 and a 32-byte scalar (SEC1, P-256).
 * A public key or a certificate opens with a nested SEQUENCE instead, never with a version. The
 * anchor is that fixed text; `back` is where the value starts before it (the SEQUENCE's length bytes
 * vary), and the value must run as long as the length the SEQUENCE declares.
 */
const DER_OPENINGS: ReadonlyArray<{ anchor: string; back: number; head: RegExp }> = [
  { anchor: 'IBAAK', back: 6, head: /^MII[A-Za-z0-9+/]{3}$/ }, // PKCS#1 RSA: 30 82 LL LL 02 01 00 02 8x
  { anchor: 'IBADANBgkqhkiG9w0BAQEFAAS', back: 6, head: /^MII[A-Za-z0-9+/]{3}$/ }, // PKCS#8 RSA
  { anchor: 'AgEAMBMGByqGSM49AgEG', back: 4, head: /^MI[GH][A-Za-z0-9+/]$/ }, // PKCS#8 EC
  { anchor: 'MHcCAQEEI', back: 0, head: /^$/ }, // SEC1 EC P-256
];
const DER_MIN_DISTINCT = 40;

function isBase64Char(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
}

function scanDer(text: string, at: number): { start: number; end: number; confidence: number } | null {
  const opening = DER_OPENINGS.find((o) => text.startsWith(o.anchor, at));
  if (!opening) return null;
  const start = at - opening.back;
  if (start < 0 || (start > 0 && isBase64Char(text.charCodeAt(start - 1)))) return null;
  if (!opening.head.test(text.slice(start, at))) return null;
  const der = Buffer.from(text.slice(start, start + 8), 'base64');
  if (der[0] !== 0x30) return null;
  const lengthOf = der[1]!;
  const total = lengthOf === 0x82 ? 4 + ((der[2]! << 8) | der[3]!) : lengthOf === 0x81 ? 3 + der[2]! : lengthOf < 0x80 ? 2 + lengthOf : 0;
  if (total < 100) return null;
  const chars = Math.ceil(total / 3) * 4;
  let i = at;
  const limit = Math.min(text.length, start + chars);
  while (i < limit && (isBase64Char(text.charCodeAt(i)) || text.charCodeAt(i) === 61)) i++;
  // A key whole (padding may be left off), of random bytes: not `MIIEow…AAAA` or a prefix a doc elides.
  if (i < start + chars - 2) return null;
  if (new Set(text.slice(start, i)).size < DER_MIN_DISTINCT) return null;
  return { start, end: i, confidence: 0.9 };
}

function scanKey(text: string, at: number): { start: number; end: number; confidence: number } | null {
  return text.charCodeAt(at) === 45 ? scanPem(text, at) : scanDer(text, at);
}

export const privateKey = rule({
  id: 'secret/private-key',
  title: 'private key',
  hint: 'Remove the key, store it in a secret store or key vault, and replace it: private keys in files are compromised.',
  anchors: ['-----BEGIN ', ...DER_OPENINGS.map((o) => o.anchor)],
  scan: scanKey,
  keepPlaceholders: true,
});

export const samples: RuleSamples = {
  true: [
    { in: '-----BEGIN RSA PRIVATE KEY-----\n{value}\n-----END RSA PRIVATE KEY-----', shape: '(?:[A-Za-z0-9+/]{64}\\n){4}[A-Za-z0-9+/]{20}==' },
    // The one-line form of a service-account JSON file: escaped line breaks between body lines.
    { in: '{"private_key": "-----BEGIN PRIVATE KEY-----\\n{value}\\n-----END PRIVATE KEY-----\\n"}', shape: '(?:[A-Za-z0-9+/]{64}\\\\n){4}[A-Za-z0-9+/]{20}==', path: 'sa.json' },
    // No END line (a truncated paste): the body alone makes it a key.
    { in: 'key = """-----BEGIN OPENSSH PRIVATE KEY-----\n{value}', shape: '(?:[A-Za-z0-9+/]{70}\\n){3}' },
    // Without the armour: the base64 of a 1,024-bit PKCS#1 key (608 bytes) in a realm export.
    { in: '    "privateKey": "{value}",', shape: 'MIICXAIBAAKBgQ[A-Za-z0-9+/]{798}', path: 'src/test/resources/realm.json' },
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
    // A public key's and a certificate's DER open with a nested SEQUENCE; a key a doc elides is too short.
    '    "publicKey": "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCrVrCuTtArbgaZzL1hvh0xtL5mc7o0NqPVnYXkLvgcwiC3BjLGw1tGEGoJaXDuSaRllobm53JBhjx33UNv+5z/UMG4kytBWxheNVKnL6GgqlNabMaFfPLPCF8kAgKnsi79NMo+n6KnSY8YeUmec/p2vjO2NjsSAVcWEQMVhJ31LwIDAQAB",',
    '    "privateKey": "MIICXAIBAAKBgQCrVrCuTtArbgaZzL1hvh0xtL5mc7o0...",',
    'HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----" then the armored body of the key follows in the input stream here',
    // An excerpt in a parameter's reference: the SEQUENCE declares 1,189 bytes, the block holds 44 characters.
    ':param private_key: For example, `-----BEGIN RSA PRIVATE KEY----- MIIEpQIBAAKCAQEAzq7Rk2VfXw9LmT4bPjy3Hd8sNcQe. -----END RSA PRIVATE KEY-----`',
  ],
};

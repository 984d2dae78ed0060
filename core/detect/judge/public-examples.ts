import { createHash, hash } from 'node:crypto';

/**
 * Key values published in public SDK test suites and documentation: anyone can read them, so a
 * finding on one is noise. They are held as SHA-256 prefixes (32 hex digits) rather than values,
 * so this file does not itself look like a leak to scanners (ours included), and they are grouped
 * by value length so most candidates are never hashed.
 *
 * Sources
 * - 39-character Google API keys used as fixtures in the Firebase SDK test suites
 *   (firebase-android-sdk, firebase-js-sdk `isValidApiKeyFormat` tests); gitleaks allowlists
 *   the same values for its `gcp-api-key` rule.
 * - The 88-character account key of Azurite and the Azure Storage Emulator (account
 *   `devstoreaccount1`), published in Microsoft's Azurite documentation ("Use the Azurite emulator
 *   for local Azure Storage development", connection strings) for every local setup.
 * - The 88-character key of the Azure Cosmos DB emulator, the same in every installation and not
 *   regenerable ("What is the Azure Cosmos DB emulator?": "The emulator uses a well-known key",
 *   https://learn.microsoft.com/azure/cosmos-db/emulator; the value is printed in the Microsoft
 *   Learn module "Enable offline development",
 *   https://learn.microsoft.com/training/modules/configure-azure-cosmos-db-sql-api-sdk/2-enable-offline-development).
 * - The 43-character signature of the HS256 example token in the debugger of https://jwt.io
 *   (header `{"alg":"HS256","typ":"JWT"}`, subject `1234567890`, name `John Doe`, signed with the
 *   secret the debugger shows, `your-256-bit-secret`), pasted into docs and tests under other
 *   headers and payloads (rules/structural/example-signature.ts).
 * - The example credentials of the OAuth 2.0 RFCs, copied into every OAuth library's docs and
 *   tests: RFC 6749 (https://www.rfc-editor.org/rfc/rfc6749) §2.3.1's client secret and its Basic
 *   header (client `s6BhdRkqt3`), §4.1.2's authorization code, §5.1's access and refresh tokens, and
 *   RFC 6750 (https://www.rfc-editor.org/rfc/rfc6750) §2.1's bearer token `mF_9.B5f-4.1JqM`.
 * - The example of HTTP Basic authentication, user `Aladdin` with password `open sesame`, since RFC
 *   2617 §2 and again in RFC 7617 (https://www.rfc-editor.org/rfc/rfc7617) §2: its Basic header,
 *   and the password as written in a URL's user information (`open%20sesame`) and as itself.
 *
 * - The two TOTP secrets of the Key Uri Format page of Google Authenticator's wiki
 *   (https://github.com/google/google-authenticator/wiki/Key-Uri-Format): the base32 key that
 *   spells `Hello!` and 0xDEADBEEF in its first example, and the 32-character key of its second
 *   (issuer `ACME Co`), copied into the tests and docs of every TOTP library.
 *
 * To add one: `node -e "console.log(require('crypto').createHash('sha256').update(process.argv[1]).digest('hex').slice(0,32))" VALUE`,
 * then add the digest under the value's length with a line in Sources saying where it is published.
 */
const PUBLISHED_BY_LENGTH = new Map<number, ReadonlySet<string>>([
  [88, new Set(['0011cc25eb4320717494d2703e8cba85', 'aa6547439583c3a275d4542a0df6c1ad'])],
  [43, new Set(['051d093c4bdedbf23f905ad01d9c6111'])],
  [28, new Set(['ca7459e2b26776de081b9a07e40227fd', 'cf4d418ed3de92d71f767db5391d5a2d'])],
  [22, new Set(['00cf4c781dc37003f7c7dd7d4c9a6ef1', '6c96130f130ab0d6d158397e24d2bcc1', 'a35b81a7d7927b70ec99270dd2362b88', 'e9974c507d2a802143f614c878fcbb62'])],
  [32, new Set(['d3873980f248ddebc47bf71eaa6da93a'])],
  [16, new Set(['8be5d113c0871ce1a122d68a7dff940a'])],
  [15, new Set(['b8e148545b13c78bc74da2f1a7275dd7'])],
  [13, new Set(['2e2890d7121c794cba0d8a3626d3d6a2'])],
  [11, new Set(['41ef4bb0b23661e66301aac36066912d'])],
  [10, new Set(['53f5da0aaa93d64cd5772c554cbf940f'])],
  [
    39,
    new Set([
      'f56e323494a6ffc2064e7a955908957d',
      '2037abcaffb2b77785da716cf7ccff4f',
      '3f370c9dd8225c63b5c77de1f785edc9',
      'e4a5542bb7fd7b67e943c71ad29c34b5',
      'a19f89ab3555eac10c40741f6df79ecf',
      '0b476bdf9acf2123d547b5ae76f1e598',
      'eb540d2b6ee2a0a47c5779bc8a014178',
      '37f8f09bdf12c2f2eae4ead7273a62dd',
      '8731261cb72d86267a32a532ebd3df42',
      '49f777db995e8260da7ca9ffdf0c08d6',
      '27a9a42931dff7eb2f8434e20a9bce97',
      'dc0fcf046c61640cbd1e8b999ada3262',
      '4c98242dcadc8b29005c6b4aad526552',
      'ea9bb1082cf95663f5faca23b8b15ef2',
      '3a8b61d0f636b007840c0d40ba12bcf4',
      'a6c814bc555ae62c7bd8b58ec07bf559',
    ]),
  ],
]);

/** Is the value one of the keys published in a public SDK's tests or docs? */
export function isPublishedExample(value: string): boolean {
  const digests = PUBLISHED_BY_LENGTH.get(value.length);
  if (!digests) return false;
  return digests.has(sha256Hex(value).slice(0, 32));
}

/** The one-shot `crypto.hash` (Node 20.12+) where there is one, half the CPU of `createHash`; an editor's older runtime has only `createHash`. */
const sha256Hex: (text: string) => string = typeof hash === 'function' ? (text) => hash('sha256', text, 'hex') : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

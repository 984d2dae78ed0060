import type { RawMatch } from '../report/raw-match';

/**
 * A value in a documented password-hash format is what a password becomes when it is stored, not
 * the password: `"hashed_password": "$argon2id$v=19$m=65536,t=3,p=4$…$…"` in a tutorial's fake
 * user table cannot be typed into a login form. It is still reported, below the default threshold:
 * a hash in a repository can be cracked offline when the password behind it is weak.
 *
 * The formats, each as its specification writes it:
 * - PHC string format (https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md):
 *   `$<id>[$v=<version>][$<param>=<value>(,<param>=<value>)*][$<salt>[$<hash>]]`, the ids of the
 *   functions that use it (argon2id/i/d, scrypt, pbkdf2-sha*, balloon, yescrypt, and passlib's
 *   bcrypt-sha256), salt and hash in the spec's B64 alphabet; passlib's pbkdf2 hashes
 *   (https://passlib.readthedocs.io/en/stable/lib/passlib.hash.pbkdf2_digest.html) put the rounds
 *   as a bare number and write `.` for `+`.
 * - bcrypt (OpenBSD, passlib "passlib.hash.bcrypt"): `$2a$`/`$2b$`/`$2x$`/`$2y$`, a two-digit cost,
 *   then 22 salt and 31 hash characters of `./A-Za-z0-9`.
 * - crypt(3)'s modular formats (glibc crypt(5), passlib "Modular Crypt Format"): `$1$` and Apache's
 *   `$apr1$` (MD5, 22-character hash), `$5$` (SHA-256, 43), `$6$` (SHA-512, 86), optionally with
 *   `rounds=N$`; yescrypt `$y$` (43).
 * - Django (https://docs.djangoproject.com/en/stable/topics/auth/passwords/):
 *   `<algorithm>$<iterations>$<salt>$<hash>` (pbkdf2_sha256, pbkdf2_sha1), `argon2$` and
 *   `bcrypt$`/`bcrypt_sha256$` before their own formats, `scrypt$<n>$<salt>$<r>$<p>$<hash>`, and the
 *   legacy hashers still listed there for old databases and fast tests: `md5$<salt>$<32 hex>`
 *   (MD5PasswordHasher), `sha1$<salt>$<40 hex>` (SHA1PasswordHasher, `sha1$$…` unsalted).
 * - phpass's portable hashes (https://www.openwall.com/phpass/, WordPress's and phpBB's user tables):
 *   `$P$` or `$H$`, one character of the cost, 8 of salt and 22 of hash in `./0-9A-Za-z`.
 * - Werkzeug's `generate_password_hash` (`pbkdf2:sha256:600000$<salt>$<hex>`, `scrypt:32768:8:1$…`).
 * - PostgreSQL's stored role passwords (https://www.postgresql.org/docs/current/catalog-pg-authid.html,
 *   `rolpassword`), which `CREATE ROLE … PASSWORD` also takes as given: `md5` and the 32 hex digits of
 *   MD5(password ‖ user name), and `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`.
 * - Any of those functions' Modular Crypt Format identifiers (passlib "Modular Crypt Format":
 *   `$<id>$…$…`) opening a value whose fields do not fit that function's exact lengths: a
 *   truncated or deliberately broken hash in a parser's test (`$2a$04$zvZz1zV`,
 *   `$argon2id$v=19$m=65536,t=1,p=1$abc$def`), still a hash's text, not a password.
 * - MySQL's native hash (dev.mysql.com/doc/refman/5.7/en/password-hashing.html: since 4.1 `PASSWORD()`
 *   gives 41 characters, `*` and 40 upper-case hex digits), as `mysql.user` stores it and
 *   `IDENTIFIED BY PASSWORD '*…'` takes it.
 * - LDAP's RFC 2307 userPassword schemes: `{SSHA}`, `{SHA}`, `{SSHA256}`…, `{MD5}`, `{SMD5}`,
 *   `{CRYPT}`, `{PBKDF2-SHA256}`, `{ARGON2}` and the encoded hash after it.
 */
const B64 = '[A-Za-z0-9+/.-]';
const CRYPT = '[./A-Za-z0-9]';
const PHC_IDS = 'argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha(?:1|256|512))?|balloon(?:-sha256)?|yescrypt|bcrypt-sha256';
const PHC = `\\$(?:${PHC_IDS})(?:\\$v=\\d+)?(?:\\$[a-z0-9-]{1,32}=${B64}*(?:,[a-z0-9-]{1,32}=${B64}*)*|\\$\\d+)?\\$${B64}{4,}\\$${B64}{16,}`;
const BCRYPT = `\\$2[abxy]?\\$\\d\\d\\$${CRYPT}{53}`;

const FORMATS: readonly { name: string; re: RegExp }[] = [
  { name: 'PHC string (argon2, scrypt, pbkdf2)', re: new RegExp(`^${PHC}$`) },
  { name: 'bcrypt', re: new RegExp(`^${BCRYPT}$`) },
  { name: 'crypt(3) MD5', re: new RegExp(`^\\$(?:1|apr1)\\$${CRYPT}{1,8}\\$${CRYPT}{22}$`) },
  { name: 'crypt(3) SHA-256', re: new RegExp(`^\\$5\\$(?:rounds=\\d+\\$)?[^$]{1,16}\\$${CRYPT}{43}$`) },
  { name: 'crypt(3) SHA-512', re: new RegExp(`^\\$6\\$(?:rounds=\\d+\\$)?[^$]{1,16}\\$${CRYPT}{86}$`) },
  { name: 'yescrypt', re: new RegExp(`^\\$(?:y|gy|7)\\$${CRYPT}+\\$${CRYPT}*\\$${CRYPT}{43}$`) },
  { name: 'Django', re: new RegExp(`^(?:pbkdf2_sha(?:1|256)\\$\\d+\\$[A-Za-z0-9]+\\$[A-Za-z0-9+/]+=*|argon2${PHC}|bcrypt(?:_sha256)?${BCRYPT}|scrypt\\$\\d+\\$[A-Za-z0-9]+\\$\\d+\\$\\d+\\$[A-Za-z0-9+/]+=*)$`) },
  { name: 'Django legacy', re: /^(?:md5\$[A-Za-z0-9]{0,64}\$[0-9a-f]{32}|sha1\$[A-Za-z0-9]{0,64}\$[0-9a-f]{40})$/ },
  { name: 'phpass', re: new RegExp(`^\\$[PH]\\$${CRYPT}{31}$`) },
  { name: 'Werkzeug', re: /^(?:pbkdf2:sha(?:1|256|512)(?::\d+)?|scrypt:\d+:\d+:\d+)\$[^$\s]{1,64}\$[0-9a-f]{40,128}$/ },
  { name: 'PostgreSQL md5', re: /^md5[0-9a-f]{32}$/ },
  { name: 'PostgreSQL SCRAM-SHA-256', re: /^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$/ },
  { name: 'Modular Crypt Format', re: /^\$(?:1|2[abxy]?|5|6|7|y|gy|apr1|md5|sha1|sha256|sha512|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha(?:1|256|512))?|bcrypt-sha256|[PH])\$(?:[^$\s]*\$){1,4}[^$\s]{3,}$/ },
  { name: 'MySQL native', re: /^\*[0-9A-F]{40}$/ },
  { name: 'LDAP', re: /^\{(?:S?SHA(?:256|384|512)?|S?MD5|CRYPT|PBKDF2(?:-SHA(?:1|256|512))?|ARGON2|BCRYPT)\}[A-Za-z0-9+/=.$,:-]{8,}$/i },
];

/** The password-hash format the value is in, or undefined. */
export function passwordHashFormat(value: string): string | undefined {
  // A compose file writes `$` as `$$`, a shell string as `\$`.
  const v = value.startsWith('$$') || value.startsWith('\\$') ? value.replace(/\$\$|\\\$/g, '$') : value;
  if (v.length < 12 || v.length > 400 || !(v.includes('$') || v.startsWith('{') || v.startsWith('md5') || v.startsWith('*'))) return undefined;
  return FORMATS.find((f) => f.re.test(v))?.name ?? htpasswdLine(v);
}

/**
 * A line of an htpasswd file (`user:$apr1$…`, httpd.apache.org "htpasswd": the user's name, a colon
 * and the password's hash), as nginx's and Traefik's basic authentication take it: the hash is
 * still one of the formats above.
 */
function htpasswdLine(v: string): string | undefined {
  const colon = v.indexOf(':');
  if (colon < 1 || colon > 64 || !/^[^\s:$]+$/.test(v.slice(0, colon))) return undefined;
  const hash = v.slice(colon + 1);
  const format = FORMATS.find((f) => f.re.test(hash))?.name;
  return format && `htpasswd (${format})`;
}

/** How sure a finding on a password hash is: below the default threshold, shown at --min-confidence 0. */
export const PASSWORD_HASH_CONFIDENCE = 0.3;

// Rules that report a value by the name it is assigned to: a hash is assigned to `password`,
// `hashed_password`, `secret`.
const BY_NAME = new Set(['secret/hardcoded-password', 'secret/generic-api-key']);

/** Lowers, with a message saying why, the findings whose value is a password hash. */
export function placePasswordHashes(matches: RawMatch[], text: string): void {
  for (const m of matches) {
    if (!BY_NAME.has(m.ruleId) || m.confidence <= PASSWORD_HASH_CONFIDENCE) continue;
    const format = passwordHashFormat(text.slice(m.start, m.end));
    if (!format) continue;
    m.confidence = PASSWORD_HASH_CONFIDENCE;
    m.message = `A password hash in the ${format} format ({preview}): not a password; still, a hash in a repository can be cracked offline.`;
  }
}

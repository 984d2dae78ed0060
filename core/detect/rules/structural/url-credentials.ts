import { CONFIDENCE } from '../../judge/confidence';
import { isStrongToken } from '../../judge/values';
import { judgePassword, WEAK_DEFAULT_VARIANT, type PasswordVerdict } from '../../judge/weak-defaults';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

/** After the `@`: a host, a colon and a word where the port's digits go, then the URL's end. */
const PORT_AS_WORD = /^[^\s/:@?#'"<>`]{1,253}:[A-Za-z][A-Za-z_-]{0,19}(?=$|[\s/?#'"<>)\],;`])/;

export const urlCredentials = rule({
  id: 'secret/url-credentials',
  title: 'password in a URL',
  hint: 'Drop the password from the URL; pass it separately from the environment or a secret store, then change it.',
  envVar: 'DATABASE_URL',
  anchors: ['://'],
  // (A backslash before the `@` is the escape of the language the URL is written in, Perl's `"…\@host"`
  // that keeps `@host` from interpolating: RFC 3986 userinfo has no bare `\`, so it is no part of the password.)
  pattern: /(?<=[A-Za-z][A-Za-z0-9+.-]{1,24}):\/\/(?<user>[^:@/\s'"<>{}()[\]`]{0,128}):(?<v>[^@/\s'"<>`]{0,255}[^@/\s'"<>`\\])\\?@(?=[A-Za-z0-9_[\]-])/,
  validate: (v, m) => {
    // Samples of the URL's own syntax: a port number where a password would be, a variable.
    if (/^\d{1,5}$/.test(v) || /^[$%{]/.test(v)) return null;
    // A form written with words where the URL's parts go (`imap://auth:user:password@server:port` in a
    // doc comment): a port is digits (RFC 3986 §3.2.3), so a word there makes the text a template of
    // the syntax, and its password a word standing for one. A drawn password pasted into such a
    // template is still reported.
    if (!isStrongToken(decodeSafe(v)) && PORT_AS_WORD.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 260))) return null;
    // The password judged as in every other form (weak-defaults.ts judgePassword): a weak one is
    // reported as weak/default-credential, placed by where the file is.
    const verdict = verdictOf(v, m);
    if (verdict === 'placeholder') return null;
    return verdict === 'weak' ? CONFIDENCE.credentialValue : 0.9;
  },
  variant: (v, m) => (verdictOf(v, m) === 'weak' ? WEAK_DEFAULT_VARIANT : undefined),
});

/**
 * The engine asks `variant`, then `validate`, of the same match: the password is judged once per
 * match. (Weakly held: a match holds its whole input text.)
 */
const verdicts = new WeakMap<RegExpExecArray, PasswordVerdict>();
function verdictOf(v: string, m: RegExpExecArray): PasswordVerdict {
  let verdict = verdicts.get(m);
  if (verdict === undefined) verdicts.set(m, (verdict = judgePassword(decodeSafe(v), m.groups?.user)));
  return verdict;
}

/** A URL's password is percent-encoded (`p%40ss`); judged as the characters it stands for. */
function decodeSafe(v: string): string {
  if (!v.includes('%')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export const samples: RuleSamples = {
  true: [{ in: 'DATABASE_URL=postgres://app:{value}@db.internal:5432/app', shape: '[A-Za-z0-9]{20}' }],
  // Placeholders in the languages of docs are not passwords, in a URL as after `PASSWORD=`.
  false: [
    'DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app',
    'https://example.com:8443/path',
    'redis://:x@localhost:6379',
    'DATABASE_URL=postgres://app:sua_senha@db.internal:5432/app',
    'DATABASE_URL=postgres://app:votre-mot-de-passe@db.internal:5432/app',
    'DATABASE_URL=postgres://app:IhrPasswort@db.internal:5432/app',
    'DATABASE_URL=postgres://app:tucontrasena@db.internal:5432/app',
    'DATABASE_URL=postgres://app:strong-password@db.internal:5432/app',
    // The URL's syntax in a doc comment, a word where the port goes.
    ' * imap+ssl+://auth:user:password@server:port ConnectionSecurity.SSL_TLS_REQUIRED',
  ],
};

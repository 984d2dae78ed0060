import { CONFIDENCE } from '../../judge/confidence';
import { isWeakPassword, WEAK_DEFAULT_VARIANT } from '../../judge/weak-defaults';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

export const urlCredentials = rule({
  id: 'secret/url-credentials',
  title: 'password in a URL',
  hint: 'Drop the password from the URL; pass it separately from the environment or a secret store, then change it.',
  envVar: 'DATABASE_URL',
  anchors: ['://'],
  pattern: /(?<=[A-Za-z][A-Za-z0-9+.-]{1,24}):\/\/(?<user>[^:@/\s'"<>{}()[\]`]{0,128}):(?<v>[^@/\s'"<>`]{1,256})@(?=[A-Za-z0-9_[\]-])/,
  validate: (v, m) => {
    // The URL form of a weak default (a user name as its own password, a vendor's default), judged
    // as the env and YAML forms are (weak-defaults.ts sets its confidence by where the file is).
    if (isWeakPassword(v, m.groups?.user)) return CONFIDENCE.credentialValue;
    // Samples: the user name repeated, a port number, a short or one-character password.
    if (/^\d{1,5}$/.test(v) || /^[$%{]/.test(v) || v.length < 4 || new Set(v).size < 3) return null;
    if (v === m.groups?.user) return null;
    return 0.9;
  },
  variant: (v, m) => (isWeakPassword(v, m.groups?.user) ? WEAK_DEFAULT_VARIANT : undefined),
});

export const samples: RuleSamples = {
  true: [{ in: 'DATABASE_URL=postgres://app:{value}@db.internal:5432/app', shape: '[A-Za-z0-9]{20}' }],
  false: ['DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app', 'https://example.com:8443/path', 'redis://:x@localhost:6379'],
};

import { CONFIDENCE } from '../../judge/confidence';
import { judgePassword, WEAK_DEFAULT_VARIANT } from '../../judge/weak-defaults';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

export const basicAuthHeader = rule({
  id: 'secret/authorization-header',
  title: 'basic-auth credentials in a header',
  anchors: ['authorization'],
  anchorsIgnoreCase: true,
  pattern: /authorization["']?\s*[:=]\s*["']?basic[ \t]+(?<v>[A-Za-z0-9+/]{4,1024}={0,2})(?![A-Za-z0-9+/=])/i,
  validate: (v) => {
    const pair = decodePair(v);
    if (!pair) return null;
    // An empty password is still reported: the user name alone may be the credential (Stripe's
    // `sk_…:`, an OAuth client's `browser:` in gitleaks' cases).
    if (!pair.password) return 0.9;
    // The password judged as in every other form (weak-defaults.ts judgePassword): `user:pass`,
    // `admin:changeme`, `usuario:tu_contrasena` encoded are still placeholders.
    const verdict = judgePassword(pair.password, pair.user);
    if (verdict === 'placeholder') return null;
    return verdict === 'weak' ? CONFIDENCE.credentialValue : 0.9;
  },
  variant: (v) => {
    const pair = decodePair(v);
    return pair?.password && judgePassword(pair.password, pair.user) === 'weak' ? WEAK_DEFAULT_VARIANT : undefined;
  },
});

/** The user and password a Basic credential encodes (`base64(user:password)`), or null when it holds no colon. */
function decodePair(v: string): { user: string; password: string } | null {
  const decoded = Buffer.from(v, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.length < 4) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export const samples: RuleSamples = {
  true: [{ in: 'Authorization: Basic {value}', shape: 'YWRtaW46[A-Za-z0-9+/]{24}' }],
  // base64 of `usuario:tu_contrasena`, `admin:votre-mot-de-passe`, `user:sua-senha-aqui`: placeholders encoded.
  false: [
    'Authorization: Basic <credentials>',
    'Authorization: Basic ${BASIC_AUTH}',
    'authorization: basic',
    `Authorization: Basic ${Buffer.from('usuario:tu_contrasena').toString('base64')}`,
    `Authorization: Basic ${Buffer.from('admin:votre-mot-de-passe').toString('base64')}`,
    `Authorization: Basic ${Buffer.from('user:sua-senha-aqui').toString('base64')}`,
  ],
};

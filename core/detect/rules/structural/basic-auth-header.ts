import { isPlaceholder } from '../../judge/placeholders';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

export const basicAuthHeader = rule({
  id: 'secret/authorization-header',
  title: 'basic-auth credentials in a header',
  anchors: ['authorization'],
  anchorsIgnoreCase: true,
  pattern: /authorization["']?\s*[:=]\s*["']?basic[ \t]+(?<v>[A-Za-z0-9+/]{4,1024}={0,2})(?![A-Za-z0-9+/=])/i,
  validate: (v) => {
    const decoded = Buffer.from(v, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // `user:pass`, `admin:changeme`: a placeholder password encoded is still a placeholder.
    // (An empty password is still reported: the user name alone may be the credential.)
    return colon >= 0 && decoded.length >= 4 && (colon === decoded.length - 1 || !isPlaceholder(decoded.slice(colon + 1))) ? 0.9 : null;
  },
});

export const samples: RuleSamples = {
  true: [{ in: 'Authorization: Basic {value}', shape: 'YWRtaW46[A-Za-z0-9+/]{24}' }],
  false: ['Authorization: Basic <credentials>', 'Authorization: Basic ${BASIC_AUTH}', 'authorization: basic'],
};

import { CONFIDENCE } from '../../judge/confidence';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';
import { INFO } from './info';

/**
 * A Mixpanel project token: what every Mixpanel SDK is initialised with and sends with each event,
 * from browsers and apps alike. Mixpanel's docs (developer.mixpanel.com/reference/project-token):
 * "A project's token is not a secret value … it is not a form of authorization", unlike the
 * project's API secret and its service accounts. Read where a name says Mixpanel and token
 * (`mixpanel_project_token = "…"`, `MIXPANEL_TOKEN:`) or an SDK is given one (`mixpanel.init("…")`,
 * `Mixpanel("…")`, `Mixpanel::getInstance("…")`): 32 hexadecimal digits. A name that also says
 * secret is not this token.
 */
const NAME_THEN_VALUE = /^[\w.]*?token[\w]*["'\]]?\s*(?::=|=>|[:=])\s*["'`]?([a-f0-9]{32})(?![A-Za-z0-9_])/i;
const SDK_CALL = /^(?:\.init|\.Mixpanel|::getInstance|\.getInstance)?\s*\(\s*["'`]([a-f0-9]{32})["'`]/i;
/** The SDK given a variable (`Mixpanel(project_token)`): the token is what that name was set to just before. */
const SDK_VARIABLE = /^(?:\.init|\.Mixpanel|::getInstance|\.getInstance)?\s*\(\s*([A-Za-z_]\w*)\s*[,)]/i;
const LOOK_BACK = 400;

export const mixpanelProjectToken = rule({
  id: 'public/mixpanel-project-token',
  title: 'Mixpanel project token (public by design)',
  hint: 'A project token identifies where events go and ships to every client; it grants no access. Check it is not the API secret, then there is no need to rotate it.',
  anchors: ['mixpanel'],
  anchorsIgnoreCase: true,
  pattern: /mixpanel/i,
  scan: (text, at) => {
    // The name around the anchor: `mixpanel_project_token`, `MIXPANEL_TOKEN`, `mixpanelToken`, `mixpanel.init`.
    let s = at;
    while (s > 0 && /[\w]/.test(text[s - 1]!)) s--;
    const rest = text.slice(at + 8, at + 8 + 160);
    const name = text.slice(s, at + 8) + /^[\w]*/.exec(rest)![0];
    if (/secret|password|api_?key/i.test(name)) return null;
    const m = NAME_THEN_VALUE.exec(rest) ?? (s === at ? SDK_CALL.exec(rest) : null);
    if (m) {
      const start = at + 8 + m.index + m[0].lastIndexOf(m[1]!);
      return { start, end: start + 32 };
    }
    const v = s === at ? SDK_VARIABLE.exec(rest) : null;
    if (!v) return null;
    const from = Math.max(0, s - LOOK_BACK);
    const set = new RegExp(`(?<![\\w.])${v[1]}\\s*(?::\\s*str\\s*)?=\\s*["'\`]([a-f0-9]{32})["'\`]`, 'gi');
    const window = text.slice(from, s);
    let last: RegExpExecArray | null = null;
    for (let a = set.exec(window); a; a = set.exec(window)) last = a;
    if (!last) return null;
    const start = from + last.index + last[0].lastIndexOf(last[1]!);
    return { start, end: start + 32 };
  },
  ...INFO,
  confidence: CONFIDENCE.publicByDesign,
});

export const samples: RuleSamples = {
  true: [
    { in: 'mixpanel_project_token = "{value}"', shape: '[a-f0-9]{32}' },
    { in: "mixpanel.init('{value}', { track_pageview: true });", shape: '[a-f0-9]{32}' },
    { in: 'MIXPANEL_TOKEN: {value}', shape: '[a-f0-9]{32}' },
    { in: 'project_token = "{value}"\nself.mp = Mixpanel(project_token) if project_token else None', shape: '[a-f0-9]{32}' },
  ],
  false: [
    // The project's API secret is a credential: judged as any key (elsewhere, not here).
    'mixpanel_api_secret = "0123456789abcdef0123456789abcdef"',
    'MIXPANEL_TOKEN = os.environ["MIXPANEL_TOKEN"]',
    'import mixpanel  # analytics',
    // A variable the SDK is not given.
    'other_token = "0123456789abcdef0123456789abcdef"\nmp = Mixpanel(project_token)',
  ],
};

import { CONFIDENCE } from '../../judge/confidence';
import { judgePassword, WEAK_DEFAULT_VARIANT } from '../../judge/weak-defaults';
import { rule, type RuleVariant } from '../rule';
import type { RuleSamples } from '../samples';

const QUOTE_CHARS = new Set(['"', "'"]);
const HOST_SEAM = /["']\s*(?:\.|\+|<<|&)\s*[A-Za-z_$]/;

/** One shell word after `-u`/`--user`, with its quotes removed; spans point into the text. */
function shellWord(text: string, i: number): { parts: Array<[number, number]>; end: number } {
  const parts: Array<[number, number]> = [];
  let start = i;
  while (i < text.length && !/[\s]/.test(text[i]!)) {
    const q = text[i]!;
    if (QUOTE_CHARS.has(q)) {
      if (i > start) parts.push([start, i]);
      const close = text.indexOf(q, i + 1);
      if (close < 0 || close - i > 300) return { parts: [], end: i };
      parts.push([i + 1, close]);
      i = close + 1;
      start = i;
    } else i++;
    if (i - start > 300) break;
  }
  if (i > start) parts.push([start, i]);
  return { parts, end: i };
}

/** `curl -u user:password` / `--user 'user:password'`: the password (or the lone credential). */
function scanCurlUser(text: string, at: number): { start: number; end: number; confidence?: number; variant?: RuleVariant } | null {
  const lineStart = Math.max(0, at - 600);
  const before = text.slice(lineStart, at);
  if (!/\bcurl\b(?:[^\n]|\\\r?\n)*$/.test(before)) return null;
  let i = at + (text.startsWith('--user', at) ? 6 : 2);
  if (text[i] !== ' ' && text[i] !== '=') return null;
  while (text[i] === ' ' || text[i] === '=') i++;
  const word = shellWord(text, i);
  // A command built by code around it (`"curl --user '" . config::byKey('user') . ":" . $pw . "'"` in
  // PHP, `+` in JavaScript and Java, `<<` in C++): the host string closes inside the shell word and a
  // concatenation operator follows, so the credential is filled in where the command runs.
  if (HOST_SEAM.test(text.slice(i, word.end))) return null;
  // Locate the colon separating user and password across the word's quoted parts.
  for (let p = 0; p < word.parts.length; p++) {
    const [s, e] = word.parts[p]!;
    const colon = text.indexOf(':', s);
    if (colon < 0 || colon >= e) continue;
    let [ps, pe] = colon + 1 < e ? [colon + 1, e] : word.parts[p + 1] ?? [e, e];
    let [us, ue] = [s, colon];
    if (ps === pe) [ps, pe] = [us, ue]; // "secret:" with an empty user side
    if (us === ue && p > 0) [us, ue] = word.parts[p - 1]!;
    const strip = (a: number, b: number): [number, number] => (text[a] === '{' && text[b - 1] === '}' ? [a + 1, b - 1] : [a, b]);
    [ps, pe] = strip(ps, pe);
    const pass = text.slice(ps, pe);
    const user = text.slice(us, ue);
    // Shell and template references (`$PASS`, `${p}`, `$(cat f)`, `<password>`, `[PASSWORD]`) are not values.
    if (/^\$|\$[{(]|[<>[\]{}`]/.test(pass)) return null;
    const u = strip(us, ue);
    if (/^\$|\$[{(]|[<>{}`]/.test(text.slice(u[0], u[1]))) return null;
    // The password judged as in every other form (weak-defaults.ts judgePassword); the user is the
    // one before the colon (with an empty user side the lone word is the credential).
    const lone = ps === us;
    const verdict = judgePassword(pass, lone ? undefined : user);
    if (verdict === 'placeholder') return null;
    // The lone word of `-u word:` is an API key (Stripe's documented form), so a word of a
    // language there is a user name with an empty password (`curl -u deploy:`), not a weak key.
    if (lone && verdict === 'weak') return null;
    return verdict === 'weak' ? { start: ps, end: pe, confidence: CONFIDENCE.credentialValue, variant: WEAK_DEFAULT_VARIANT } : { start: ps, end: pe };
  }
  return null;
}

export const curlCredentials = rule({
  id: 'secret/curl-credentials',
  title: 'password on a curl command line',
  hint: 'Use `curl --netrc-file` or read the password from the environment; then change the password.',
  // Anchored on the flag itself (not the space before it: spaces are the most frequent character).
  anchors: ['-u', '--user'],
  scan: (text, at) => (at > 0 && /\s/.test(text[at - 1]!) ? scanCurlUser(text, at) : null),
});

export const samples: RuleSamples = {
  true: [{ in: 'curl -u deploy:{value} https://api.example.com/v1/items', shape: '[A-Za-z0-9]{20}' }],
  // Placeholders in the languages of docs are not passwords, on a command line as after `PASSWORD=`.
  false: [
    'curl -u "$USER:$PASS" https://api.example.com',
    // The command built in PHP, its credentials read from settings where it runs.
    `$cmd = "curl --user '" . config::readKey('repo::user') . ":" . config::readKey('repo::password') . "' -T x";`,
    'curl -u user:password https://api.example.com',
    'tar -u file.tar',
    'curl -u admin:motdepasse https://api.example.com',
    'curl -u admin:sua_senha https://api.example.com',
    "curl --user 'admin:votre_mot_de_passe' https://api.example.com",
    'curl -u usuario:tu-contrasena https://api.example.com',
    'curl -u deploy: https://api.example.com',
  ],
};

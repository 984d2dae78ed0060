import { judgePasswordSlot } from '../../judge/password-slot';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

/**
 * A netrc entry (`machine api.example.com login bob password …`): the file curl, git, ftp and
 * Python's netrc module read credentials from, tokens separated by blanks or lines (GNU inetutils,
 * "The .netrc file"; curl.se/docs/manpage.html `--netrc`). The entry's user is its `login`; a
 * `machine` with a `login` and a `password` is the documented form, so prose (`machine learning
 * password …`) has no such run of tokens.
 */
export const netrcPassword = rule({
  id: 'secret/netrc-password',
  title: 'password in a netrc entry',
  hint: 'Keep ~/.netrc out of the repository (mode 600 in the home directory), or read the token from a secret store; then change it.',
  envVar: 'NETRC_PASSWORD',
  anchors: ['machine'],
  wordStart: true,
  pattern: /(?<![A-Za-z0-9_])machine[ \t]+[^\s'"`]{1,253}(?:\s+(?:port|account)\s+\S{1,100}){0,2}\s+login\s+(?<user>[^\s'"`]{1,200})(?:\s+(?:port|account)\s+\S{1,100}){0,2}\s+password\s+(?<v>[^\s'"`]{1,200})/,
  validate: (v, m) => judgePasswordSlot(v, m.groups!.user)?.confidence ?? null,
  variant: (v, m) => judgePasswordSlot(v, m.groups!.user)?.variant,
});

export const samples: RuleSamples = {
  true: [
    { in: 'machine api.example.com login bob password {value}', shape: '[A-Za-z0-9]{24}', path: '.netrc' },
    { in: 'cat > ~/.netrc <<EOF\nmachine git.example.com\n  login deploy\n  password {value}\nEOF', shape: 'ghp_[A-Za-z0-9]{36}', path: 'ci/setup.sh' },
  ],
  false: [
    'machine github.com login ${GITHUB_ACTOR} password ${GITHUB_TOKEN}',
    'echo "machine api.example.com login $USER password $TOKEN" >> ~/.netrc',
    'machine example.com login user password your-password',
    'A machine learning model can be trained to log in with a password field.',
  ],
};

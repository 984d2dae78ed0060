import { judgePasswordSlot } from '../../judge/password-slot';
import { rule } from '../rule';
import type { RuleSamples } from '../samples';

/**
 * Redis' password directives (redis.io/docs/latest/operate/oss_and_stack/management/config-file:
 * `requirepass`, the password clients give; `masterauth`, the one a replica gives its primary), in
 * redis.conf, on the server's command line (`redis-server --requirepass …`, a compose file's
 * `command:`, a list item after `"--requirepass"`) and in `CONFIG SET requirepass …`. The value is
 * the next word. Only where the directive is one: first on its line with its value ending the line
 * (redis.conf has no comment after a value), after `--`, or after `CONFIG SET`; a sentence naming the
 * directive is none. A commented directive (`# requirepass`, as the shipped file has it) is not set.
 */
export const redisPassword = rule({
  id: 'secret/redis-password',
  title: 'Redis password',
  hint: 'Set the password from the environment or a secret store (`--requirepass "$REDIS_PASSWORD"`, an ACL file outside the repository), then change it.',
  envVar: 'REDIS_PASSWORD',
  anchors: ['requirepass', 'masterauth'],
  pattern: /(?:requirepass|masterauth)(?:[ \t]+|["'],[ \t]*)["']?(?<v>[^\s"'`,\]]{1,200})(?=$|[\s"',\]])/m,
  validate: (v, m) => (isDirective(m) ? judgePasswordSlot(v)?.confidence ?? null : null),
  variant: (v, m) => (isDirective(m) ? judgePasswordSlot(v)?.variant : undefined),
});

/** Is the match a directive that sets the password (see above), not a comment or a sentence? */
function isDirective(m: RegExpExecArray): boolean {
  const text = m.input;
  const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
  const before = text.slice(lineStart, m.index);
  if (/--$/.test(before)) return !/^\s*#/.test(before);
  if (/\bconfig\s+set\s+$/i.test(before)) return true;
  if (!/^[ \t]*$/.test(before)) return false;
  const end = m.index + m[0].length;
  const lineEnd = text.indexOf('\n', end);
  return /^["']?[ \t]*\r?$/.test(text.slice(end, lineEnd < 0 ? text.length : lineEnd));
}

export const samples: RuleSamples = {
  true: [
    { in: 'requirepass {value}', shape: '[A-Za-z0-9]{24}', path: 'deploy/redis.conf' },
    { in: 'services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass {value}\n', shape: '[A-Za-z0-9]{24}', path: 'docker-compose.yml' },
    { in: '    command: ["redis-server", "--masterauth", "{value}"]', shape: '[A-Za-z0-9]{24}', path: 'compose.yaml' },
  ],
  false: [
    '# requirepass foobared',
    '    command: redis-server --requirepass "$REDIS_PASSWORD"',
    '    command: redis-server --requirepass ${REDIS_PASSWORD:?}',
    'requirepass <your-password>',
    'The requirepass directive sets the password clients must give.',
    'requirepass directive: the password clients must give',
    "  anchors: ['requirepass', 'masterauth'],",
  ],
};

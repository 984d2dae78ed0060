/** The `command` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { nonEmpty, stepTimeout } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('command').describe('Runs a command of yours that prints the new secret on stdout (never on the command line). Trusted workspaces only.'),
    command: nonEmpty('Executable to run (no shell).', ['./scripts/new-token.sh', 'gh']).optional(),
    args: z.array(z.string()).describe('Arguments. Never put a secret here: argv is visible to every process on the machine.').meta({ examples: [['api', '-X', 'POST', '/tokens']] }).optional(),
    timeout: stepTimeout().optional(),
    revoke: z
      .object({
        command: nonEmpty('Executable (no shell) that revokes the old value, which it gets on stdin and in ROTATION_GUARD_OLD_VALUE; exit 0 when revoked.', ['./scripts/revoke-token.sh']),
        args: z.array(z.string()).describe('Arguments. Never a secret: argv is visible to every process.').optional(),
      })
      .strict()
      .describe('How to revoke the old value after promotion (then the loop checks that it fails). Without it the old value must be revoked at its issuer by hand.')
      .optional(),
  })
  .strict()
  .describe('A user command creates the new value and prints it on stdout.');

export const definition = defineProvider({
  type: 'command',
  schema,
  summary: 'A command of yours prints the new value on stdout; an optional revoke command retires the old one.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true },
  requiredParams: () => ['command'],
  adminSecretFields: [],
  samples: {
    valid: [{ type: 'command', command: './new-token.sh', args: ['--ttl', '30d'], timeout: '30s', revoke: { command: './revoke.sh' } }],
    invalid: [{ type: 'command', timeout: 'soon' }, { type: 'command', revoke: { args: ['x'] } }],
  },
});

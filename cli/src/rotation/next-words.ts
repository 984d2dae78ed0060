import type { NextAction } from '../../../core/rotation';

/**
 * The rotation service's next action as the command line that does it (the core says what to do
 * as a code; the editor words the same code as a button or a dialog). `id`: the secret, when known.
 */
export function inCliWords(next: NextAction | undefined, id = 'ID'): string {
  switch (next) {
    case 'resume':
      return `; run \`rotation-guard rotate ${id} --resume\``;
    case 'rollback':
      return `; then run \`rotation-guard rotate ${id} --rollback\``;
    case 'wait':
      return '; run again after that time, or with --wait';
    case 'confirm':
      return `: run \`rotation-guard rotate ${id} --trust\` (it lists every file and host it confirms)`;
    case 'trust-workspace':
      return `: the command line counts as trusted, so confirm the policy with \`rotation-guard rotate ${id} --trust\``;
    case 'provide-value':
      return `; give the new value with \`rotation-guard rotate ${id} --value-stdin\``;
    default:
      return '';
  }
}

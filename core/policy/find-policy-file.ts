import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isPolicyFileName, POLICY_FILE_PREFERRED } from './policy-file-names';

// Kept apart from files.ts (which loads the whole policy model) so the light scan bundle can find
// a policy's ledger without parsing zod and YAML.
/**
 * Walks up from `startDir` and returns the first policy file found, or undefined. Stops at the
 * repository root (a folder holding `.git`): a policy outside the repository is someone else's.
 */
export function findPolicyFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // Unreadable directory: keep walking up.
    }
    const hit = POLICY_FILE_PREFERRED.find((p) => names.includes(p)) ?? names.filter((n) => isPolicyFileName(n)).sort()[0];
    if (hit) return join(dir, hit);
    if (names.includes('.git')) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

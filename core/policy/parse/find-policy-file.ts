import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { listFiles, type WalkBudget, type WalkResult } from '../../files/walk';
import { isPolicyFileName, POLICY_FILE_PREFERRED } from '../model/policy-file-names';

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

/** Folders a policy search never enters (POLICY_SEARCH_EXCLUDE as a walk option). */
const NOT_SEARCHED = new Set(['node_modules']);

/**
 * Every policy file under `folder` (absolute paths), git-ignored ones included, through the one
 * safe walk (core/files/walk.ts): symlinks are not followed, loops end, budgets hold.
 */
export function findPolicyFilesIn(folder: string, budget?: Partial<WalkBudget>): Pick<WalkResult, 'files' | 'truncated'> {
  const r = listFiles([folder], folder, false, { skipDirs: NOT_SEARCHED, wantFile: isPolicyFileName, ...(budget ? { budget } : {}) });
  return { files: r.files, ...(r.truncated ? { truncated: r.truncated } : {}) };
}

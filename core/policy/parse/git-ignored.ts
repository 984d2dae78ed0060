/**
 * Whether git would ignore a path beside the policy, from the `.gitignore` files between the
 * repository root and the path. Used to make sure env-file stores never end up in a commit.
 * Approximation: global excludes and `.git/info/exclude` are not read, so "not ignored" may be
 * reported for a file only a developer's own setup ignores — the safe direction.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** undefined when the folder is not inside a git repository (nothing to judge). */
export function gitIgnoredChecker(policyDir: string): ((relPath: string) => boolean | undefined) | undefined {
  const root = repoRoot(policyDir);
  if (!root) return undefined;
  const cache = new Map<string, Ignore | null>();
  const rulesIn = (dir: string): Ignore | null => {
    if (!cache.has(dir)) {
      let rules: Ignore | null = null;
      try {
        rules = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
      } catch {
        // No .gitignore here.
      }
      cache.set(dir, rules);
    }
    return cache.get(dir) ?? null;
  };
  return (relPath: string) => {
    const abs = resolve(policyDir, relPath);
    const fromRoot = relative(root, abs);
    if (fromRoot.startsWith('..')) return undefined;
    const parts = fromRoot.split(sep);
    let ignored = false;
    // Deeper .gitignore files override shallower ones, as in git.
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = join(root, ...parts.slice(0, depth));
      const rules = rulesIn(dir);
      if (!rules) continue;
      const rel = parts.slice(depth).join('/');
      const r = rules.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  };
}

function repoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
